// Loaded before Azurite (node -r): Azurite ends when the process that started it is gone, even when
// that process was ended without a chance to stop it (a test host ended by the test runner, a kill -9).
// A child whose parent has died is adopted by another process, so its parent's id changes.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000).unref();
