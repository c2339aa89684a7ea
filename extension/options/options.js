// The options page: which warnings to show, whether to keep a history, and a reset that
// forgets everything observed. Changes are made by the background (the only writer).
(() => {
  const { store, i18n } = globalThis.PrivacyGuard;
  const $ = (id) => document.getElementById(id);
  const KEYS = Object.keys(store.DEFAULT_SETTINGS);

  async function load() {
    const settings = await store.settings();
    for (const key of KEYS) /** @type {HTMLInputElement} */ ($(key)).checked = settings[key];
  }

  async function save() {
    const settings = Object.fromEntries(KEYS.map((key) => [key, /** @type {HTMLInputElement} */ ($(key)).checked]));
    await store.command("save-settings", { settings });
    $("status").textContent = i18n.message("options_saved");
  }

  i18n.localize();
  $("open-history").addEventListener("click", () => {
    const api = globalThis.browser ?? globalThis.chrome;
    api.tabs.create({ url: api.runtime.getURL("history/history.html") });
  });
  for (const key of KEYS) $(key).addEventListener("change", save);
  globalThis.PrivacyGuard.confirmStep({
    trigger: $("reset"),
    box: $("confirm"),
    yes: $("reset-yes"),
    no: $("reset-no"),
    onYes: async () => {
      await store.command("reset");
      await load();
      $("status").textContent = i18n.message("options_reset_done");
    },
  });
  load();
})();
