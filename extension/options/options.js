// The options page: which warnings to show, whether to keep a history, after how many days
// a state seen asks to be checked again, and a reset that forgets everything observed.
// Changes are made by the background (the only writer).
(() => {
  const { store, i18n, messages } = globalThis.PrivacyGuard;
  // Every element looked up here is an <input>.
  const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
  const KEYS = Object.keys(store.DEFAULT_SETTINGS);

  const isFlag = (key) => typeof store.DEFAULT_SETTINGS[key] === "boolean";
  const days = $("checkAgainDays");

  async function load() {
    const settings = await store.settings();
    for (const key of KEYS) {
      if (isFlag(key)) $(key).checked = settings[key];
      else $(key).value = String(settings[key]);
    }
  }

  async function save() {
    // A number outside the range is not saved: the field says so, the stored value stays.
    if (!days.checkValidity()) {
      $("status").textContent = i18n.message("options_check_again_invalid");
      return;
    }
    const settings = Object.fromEntries(
      KEYS.map((key) => [key, isFlag(key) ? $(key).checked : Number($(key).value)]),
    );
    await store.command(messages.SAVE_SETTINGS, { settings });
    $("status").textContent = i18n.message("options_saved");
  }

  i18n.localize();
  $("open-history").addEventListener("click", () => {
    const api = globalThis.browser ?? globalThis.chrome;
    api.tabs.create({ url: api.runtime.getURL("history/history.html") });
  });
  days.min = String(store.CHECK_AGAIN_DAYS.min);
  days.max = String(store.CHECK_AGAIN_DAYS.max);
  for (const key of KEYS) $(key).addEventListener("change", save);
  globalThis.PrivacyGuard.confirmStep({
    trigger: $("reset"),
    box: $("confirm"),
    yes: $("reset-yes"),
    no: $("reset-no"),
    onYes: async () => {
      await store.command(messages.RESET);
      await load();
      $("status").textContent = i18n.message("options_reset_done");
    },
  });
  load();
})();
