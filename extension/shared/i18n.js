// Fills extension pages with messages from _locales: every [data-i18n] element gets the
// message of that name as its text, and the page takes the browser's UI language.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.i18n) return;
  const api = globalThis.browser ?? globalThis.chrome;

  const message = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;

  function localize(root = document) {
    document.documentElement.lang = api.i18n.getUILanguage();
    const marked = /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-i18n]"));
    for (const el of marked) {
      el.textContent = message(el.dataset.i18n);
    }
  }

  const dateTime = (iso) =>
    new Intl.DateTimeFormat(api.i18n.getUILanguage(), {
      dateStyle: "medium",
      timeStyle: "short",
    }).format(new Date(iso));

  PG.i18n = { message, localize, dateTime };
})();
