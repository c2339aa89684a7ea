// Fills extension pages with messages from _locales: every [data-i18n] element gets the
// message of that name as its text, and the page takes the language of those messages.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.i18n) return;
  const api = globalThis.browser ?? globalThis.chrome;

  const message = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;

  // The language of the messages the browser chose (the builder adds it to each locale),
  // which is the browser's UI language only when the extension ships that language.
  const language = () => api.i18n.getMessage("locale") || api.i18n.getUILanguage();

  function localize(root = document) {
    document.documentElement.lang = language();
    const marked = /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-i18n]"));
    for (const el of marked) {
      el.textContent = message(el.dataset.i18n);
    }
  }

  /** @param {string} iso @param {"full" | "long" | "medium" | "short"} [dateStyle] */
  const dateTime = (iso, dateStyle = "medium") =>
    new Intl.DateTimeFormat(language(), { dateStyle, timeStyle: "short" }).format(new Date(iso));

  PG.i18n = { message, language, localize, dateTime };
})();
