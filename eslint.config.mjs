// ESLint for every JavaScript file in the repository (`make lint`). The extension's own
// rules say what tests/test_audit.py used to find with grep: no HTML built from strings,
// no code from strings, nothing that talks to the network.
import js from "@eslint/js";
import nounsanitized from "eslint-plugin-no-unsanitized";
import globals from "globals";

const NO_NETWORK = "The extension sends nothing anywhere (SECURITY.md).";
const NO_HTML = "Build UI from DOM nodes and textContent, never from HTML strings.";

// Network and HTML sinks, under any name they can be reached by (window.fetch,
// globalThis.fetch, self.fetch): a property of that name on any object is refused.
const restrictedProperties = [
  ...["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon"].map((property) => ({
    property,
    message: NO_NETWORK,
  })),
  // no-unsanitized lets `el.innerHTML = ""` through; reading markup is not needed either.
  ...["innerHTML", "outerHTML", "insertAdjacentHTML", "setHTMLUnsafe"].map((property) => ({
    property,
    message: NO_HTML,
  })),
  { object: "document", property: "write", message: NO_HTML },
  { object: "document", property: "writeln", message: NO_HTML },
];

const extensionRules = {
  "no-eval": ["error", { allowIndirect: false }],
  "no-implied-eval": "error", // setTimeout("code"), setInterval("code")
  "no-new-func": "error",
  "no-script-url": "error",
  "no-restricted-globals": [
    "error",
    ...["fetch", "XMLHttpRequest", "WebSocket", "EventSource"].map((name) => ({
      name,
      message: NO_NETWORK,
    })),
  ],
  "no-restricted-properties": ["error", ...restrictedProperties],
  "no-restricted-syntax": [
    "error",
    {
      selector: "ImportExpression",
      message: "No code loaded at run time: list every script in the manifest or the page.",
    },
  ],
};

// The scripts that also run in Chrome's background service worker (background/
// service-worker.js imports them): no DOM there, so only worker globals are declared.
const WORKER_SCRIPTS = [
  "extension/background/*.js",
  "extension/shared/store.js",
  "extension/shared/messages.js",
];

export default [
  {
    // extension/**/*.j2 are Jinja templates, not JavaScript until the builder renders
    // them: generated/policy-data.js.j2 and content-data.js.j2 are one assignment each of
    // the builder's JSON, whose shape types/privacy-guard.d.ts declares (checked by tsc),
    // and content.css.j2 is CSS. tests/test_audit.py scans them with its patterns;
    // tests/test_lint.py lints the rendered data scripts of a real build.
    ignores: ["node_modules/", "dist/", ".venv/", "**/*.j2"],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    // The pages' scripts are classic scripts, one IIFE each, that meet only through
    // properties of globalThis (PrivacyGuard, PRIVACY_GUARD_DATA, set by the files the
    // pages list before them), so no shared globals need declaring here;
    // types/privacy-guard.d.ts declares them for tsc. The content script's and the
    // background's modules (below) import what they use.
    files: ["extension/**/*.js"],
    plugins: { "no-unsanitized": nounsanitized },
    languageOptions: { ecmaVersion: "latest", sourceType: "script" },
    rules: { ...nounsanitized.configs.recommended.rules, ...extensionRules },
  },
  {
    // ES modules: the content script's and the background's, each bundled into one script
    // by the build (builder/bundle.py), and shared/store.js and shared/messages.js, which
    // the build also turns into classic scripts for the pages.
    files: [
      "extension/content/*.js",
      "extension/background/*.js",
      "extension/shared/store.js",
      "extension/shared/messages.js",
      "extension/generated/content-data.js",
    ],
    // Chrome's service worker entry, which imports the bundled background.
    ignores: ["extension/background/service-worker.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    // Content scripts and the extension's pages.
    files: ["extension/**/*.js"],
    ignores: WORKER_SCRIPTS,
    languageOptions: {
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  {
    files: WORKER_SCRIPTS,
    languageOptions: {
      globals: { ...globals.serviceworker, ...globals.webextensions },
    },
  },
  {
    // The builder's checker runs in Node (builder/javascript.py starts it).
    files: ["builder/js/*.mjs", "tests/**/*.mjs"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: globals.node,
    },
  },
  {
    // The stand-in for claude.ai's own page script that the fixtures load.
    files: ["tests/fixtures/*.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "script",
      globals: globals.browser,
    },
  },
];
