// The script the manifest injects into every claude.ai page: it only imports the content
// script proper (content/core.js, the bundle of main.js and its modules), a file of this
// extension's package, never code from anywhere else.
//
// Why not inject the bundle itself: a content script is compiled on the page's main
// thread as the page loads, while a module imported this way is fetched and compiled on a
// background thread (V8 script streaming), so a chat that never shows the consent popup
// pays far less for having the extension (bench/: the script time of a page load, issue
// 22). The bundle is a web-accessible resource for claude.ai only (manifest), which
// import() requires.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // Injected as the page starts loading (document_start), this listener hears content.css's
  // sentinel animation for every switch (and dialog text box) that renders before core.js
  // runs; core.js takes them over (find.js startFinding) and so needs no document-wide
  // search for them (bench/: the script time of a page load). Injected into a page already loaded
  // (Firefox, when the extension is installed or updated), there is nothing to hear:
  // core.js then searches the page.
  let early = null;
  if (document.readyState === "loading" && !globalThis.__privacyGuardEarly) {
    const announced = [];
    const hear = (event) => {
      if (event.animationName !== "privacy-guard-sentinel") return;
      // Past this many, core.js searches the page instead (`overflowed`).
      if (announced.length < 500) announced.push(event.target);
      else early.overflowed = true;
    };
    document.addEventListener("animationstart", hear, true);
    early = {
      announced,
      overflowed: false,
      stop: () => document.removeEventListener("animationstart", hear, true),
    };
    globalThis.__privacyGuardEarly = early;
  }
  // A URL of its own for each page (the file is served whatever the query): Chrome would
  // otherwise keep the compiled module in its code cache and, on every later load, read
  // it back on the page's main thread (~0.45 ms a load, ~2 ms once to write it: traced
  // page loads, bench/), where a compile from source is streamed off that thread, and
  // the compile hint (builder/js/minify.mjs) makes it compile every function, so the
  // cache has nothing to add. A second injection then runs a second copy of the module,
  // which main.js's guard keeps from starting.
  const url = `${api.runtime.getURL("content/core.js")}?${Math.random()}`;
  // eslint-disable-next-line no-restricted-syntax, no-unsanitized/method -- our own file
  import(url).catch((err) => {
    early?.stop();
    // The extension was updated or removed while the page loaded: nothing to show.
    console.warn("Privacy Guard: the content script did not load:", err?.message ?? err);
  });
})();
