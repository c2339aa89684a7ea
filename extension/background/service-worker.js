// Chrome runs the background as a service worker with one entry file; it loads the
// same script Firefox lists in its manifest (background.scripts), the bundle of
// background/main.js and what it imports (builder/bundle.py).
importScripts("/background/background.js");
