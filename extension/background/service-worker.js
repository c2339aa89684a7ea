// Chrome runs the background as a service worker with one entry file; it loads the
// same scripts Firefox lists in its manifest (background.scripts).
importScripts("/generated/policy-data.js", "/shared/store.js", "/background/background.js");
