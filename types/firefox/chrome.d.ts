// For tsconfig.firefox.json only: Firefox also offers its WebExtension API under the name
// `chrome` (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Chrome_incompatibilities).
declare var chrome: typeof browser;
