// The API reference page: Scalar (node_modules/@scalar/api-reference, embedded at build) shows the document the app
// makes from its own code. Nothing is loaded from elsewhere: no web fonts, no telemetry, no AI agent, no proxy; "try it"
// requests go to this origin with the signed-in session.
globalThis.Scalar.createApiReference('#tai-lieu-api', {
  url: '/api/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  proxyUrl: '',
  showDeveloperTools: 'never',
  hideDarkModeToggle: true,
  documentDownloadType: 'json',
  defaultOpenFirstTag: true,
  // Its own fonts would come from fonts.scalar.com (the page's policy refuses them): the system's fonts instead.
  customCss: ':root { --scalar-font: system-ui, "Noto Sans", sans-serif; --scalar-font-code: ui-monospace, "DejaVu Sans Mono", monospace; }',
});
