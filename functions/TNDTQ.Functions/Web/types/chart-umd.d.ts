export {}; // the module sets globalThis.Chart (globals.d.ts)
