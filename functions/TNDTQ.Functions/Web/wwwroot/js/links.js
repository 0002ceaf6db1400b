// Tasks and notices name their item by its API address; this is the screen that shows it.
/** @type {[RegExp, (...parts: string[]) => string][]} */
const pages = [
  [/^\/api\/restructure\/cycles\/([^/]+)\/wards\/([^/]+)$/, (c, w) => `/ra-soat/${c}/${w}`],
  [/^\/api\/commendations\/nominations\/([^/]+)$/, id => `/khen-thuong/${id}`],
  [/^\/api\/wards\/([^/]+)\/sign-offs\/([^/]+)$/, (w, id) => `/to-trinh/${w}/${id}`],
  [/^\/api\/wards\/([^/]+)\/meetings\/([^/]+)$/, (w, id) => `/hop-to/${w}/${id}`],
  [/^\/api\/wards\/([^/]+)\/support-rounds\/([^/]+)$/, (w, id) => `/ho-tro/${w}/${id}`],
  [/^\/api\/wards\/([^/]+)\/groups\/([^/]+)\/meeting-summary$/, (w, g) => `/so-theo-doi/${w}/to/${g}`],
  [/^\/api\/training\/sessions\/([^/]+)$/, id => `/tap-huan/${id}`],
  [/^\/api\/tasks$/, () => '/'],
];

/** The app's screen for an API address, or null when the app has no screen for it. */
/** @param {string | null | undefined} apiLink */
export function pageFor(apiLink) {
  if (!apiLink) return null;
  const path = apiLink.split('?')[0];
  for (const [pattern, to] of pages) {
    const m = pattern.exec(path);
    if (m) return to(...m.slice(1).map(encodeURIComponent));
  }
  return null;
}
