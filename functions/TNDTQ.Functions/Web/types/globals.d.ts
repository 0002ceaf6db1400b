// What the web app's scripts reach that is not an ES module import: kept by hand, next to api.d.ts (which is generated).

// Chart.js's single-file build (reports.js imports it for its side effect: it sets globalThis.Chart).
declare var Chart: typeof import('chart.js').Chart;
