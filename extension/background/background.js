// Background: receives what the content script observes. Keeps nothing in globals,
// because the Chrome service worker is stopped when idle; state lives in storage.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;

  api.runtime.onMessage.addListener((message, sender) => {
    if (!message || message.type !== "privacy-guard/observed" || !sender.tab) return;
    const state = message.state === "on" || message.state === "off" ? message.state : "unknown";
    api.storage.local.set({ lastObservation: { state, surface: message.surface, at: Date.now() } });
  });
})();
