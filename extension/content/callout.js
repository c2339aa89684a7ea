// The injected UI: callout beside the switch, warning by "Accept", and the
// "couldn't find the switch" notice. Each lives in a closed shadow root under a host
// element marked data-privacy-guard-ui; all text is set with textContent.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.ui) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const data = globalThis.PRIVACY_GUARD_DATA;

  const msg = (key, ...subs) => api.i18n.getMessage(`content_${key}`, subs) || key;

  // Facts the "on" callout states; their sources are the ones it links to.
  const EXPLAINED_FACTS = ["training_scope", "retention_on_years", "plans_affected"];

  const STYLE = `
    :host { all: initial; display: block; pointer-events: auto; }
    :host([data-privacy-guard-ui="notice"]) {
      position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 380px;
    }
    .box {
      --bg: #fff7ed; --fg: #431407; --edge: #ea580c; --link: #9a3412;
      --btn-bg: #c2410c; --btn-fg: #fff;
      box-sizing: border-box; margin: 8px 0; padding: 10px 12px; border-radius: 10px;
      border: 1px solid var(--edge); border-left-width: 4px; background: var(--bg);
      color: var(--fg); font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
      text-align: start; animation: pg-in 160ms ease-out;
    }
    .box.off { --bg: #f0fdf4; --fg: #052e16; --edge: #16a34a; --link: #166534; }
    .box.notice, .box.warning { margin: 6px 0; }
    .dark .box { --bg: #2a1606; --fg: #ffedd5; --edge: #fb923c; --link: #fdba74;
      --btn-bg: #fb923c; --btn-fg: #1c0a02; }
    .dark .box.off { --bg: #052e16; --fg: #dcfce7; --edge: #4ade80; --link: #86efac; }
    .brand { font-size: 11px; font-weight: 600; letter-spacing: .02em; opacity: .8; }
    .title { font-weight: 700; font-size: 14px; margin: 2px 0 4px; }
    p { margin: 4px 0; }
    .sources { font-size: 12px; margin-top: 6px; }
    .sources a, .notice a { color: var(--link); }
    .sources span + span::before { content: " · "; }
    .actions { display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
    button {
      font: inherit; font-weight: 600; cursor: pointer; border-radius: 8px;
      padding: 5px 12px; border: 1px solid var(--btn-bg); background: var(--btn-bg);
      color: var(--btn-fg);
    }
    button.plain { background: transparent; color: var(--fg); border-color: var(--edge); }
    button:focus-visible, a:focus-visible { outline: 2px solid var(--edge); outline-offset: 2px; }
    @keyframes pg-in { from { opacity: 0; transform: translateY(-2px); } }
    @media (prefers-reduced-motion: reduce) { .box { animation: none; } }
  `;

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  }

  /** Luminance of the first non-transparent background at or above `node`. */
  function pageIsDark(node) {
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const match = getComputedStyle(n).backgroundColor.match(/[\d.]+/g);
      if (match && (match.length < 4 || Number(match[3]) > 0.5)) {
        const [r, g, b] = match.map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
      }
    }
    return matchMedia("(prefers-color-scheme: dark)").matches;
  }

  /** A host element with a closed shadow root; events from inside stay inside. */
  function createHost(kind) {
    const host = document.createElement("privacy-guard-ui");
    host.setAttribute("data-privacy-guard-ui", kind);
    const root = host.attachShadow({ mode: "closed" });
    root.append(el("style", { text: STYLE }));
    const frame = el("div", { lang: api.i18n.getUILanguage() });
    root.append(frame);
    // The page must not see our clicks as clicks on its own rows or dialogs.
    for (const type of ["click", "pointerdown", "mousedown"]) {
      host.addEventListener(type, (event) => event.stopPropagation());
    }
    const applyScheme = () => frame.classList.toggle("dark", pageIsDark(host.parentElement));
    return { host, frame, applyScheme };
  }

  function sourceLinks() {
    const ids = [
      ...new Set([
        ...EXPLAINED_FACTS.flatMap((f) => data.facts[f]?.sources ?? []),
        ...data.detection.trainingSources,
      ]),
    ];
    const items = ids.map((id) => {
      const source = data.sources[id];
      const label = `${source.publisher}: ${source.title}`;
      return el(
        "span",
        {},
        source.url
          ? el("a", { href: source.url, target: "_blank", rel: "noopener noreferrer", text: label })
          : `${label}${source.date ? ` (${source.date})` : ""}`,
      );
    });
    return el("div", { className: "sources" }, el("strong", { text: msg("sources_label") }), " ", ...items);
  }

  /** The callout below the switch's row; `onTurnOff` clicks the page's own switch. */
  function callout(anchor, onTurnOff) {
    const { host, frame, applyScheme } = createHost("callout");
    anchor.after(host);
    applyScheme();
    let shown = null;
    return {
      host,
      update(state, locked) {
        const key = `${state}/${locked}`;
        if (key === shown) return;
        shown = key;
        const box =
          state === "on"
            ? el(
                "div",
                { className: "box on", role: "status", "aria-live": "polite" },
                el("div", { className: "brand", text: msg("brand") }),
                el("div", { className: "title", text: msg("on_title") }),
                el("p", { text: msg("on_body") }),
                el("p", { text: msg("on_scope") }),
                el("p", { text: msg("on_past") }),
                el(
                  "div",
                  { className: "actions" },
                  el("button", { type: "button", "data-action": "turn-off", text: msg("turn_off") }),
                ),
                sourceLinks(),
              )
            : el(
                "div",
                { className: "box off", role: "status", "aria-live": "polite" },
                el("div", { className: "brand", text: msg("brand") }),
                el("div", { className: "title", text: msg("off_title") }),
                el("p", { text: msg(locked ? "locked_body" : "off_body") }),
              );
        box.querySelector("[data-action=turn-off]")?.addEventListener("click", onTurnOff);
        frame.replaceChildren(box);
      },
      remove: () => host.remove(),
    };
  }

  /** A one-line warning placed just above the consent popup's "Accept" button row. */
  function acceptWarning(button) {
    const { host, frame, applyScheme } = createHost("accept-warning");
    const row = button.parentElement?.querySelectorAll("button").length > 1
      ? button.parentElement
      : button;
    row.before(host);
    applyScheme();
    frame.append(
      el("div", { className: "box warning", role: "status" }, el("p", { text: msg("accept_warning") })),
    );
    return { host, remove: () => host.remove() };
  }

  /** Shown when the Privacy settings are open but the switch could not be recognised. */
  function notFound(container, settingsUrl, onDismiss) {
    const { host, frame, applyScheme } = createHost("notice");
    container.append(host);
    applyScheme();
    const dismiss = el("button", { type: "button", className: "plain", "data-action": "dismiss", text: msg("dismiss") });
    dismiss.addEventListener("click", onDismiss);
    frame.append(
      el(
        "div",
        { className: "box notice", role: "status", "aria-live": "polite" },
        el("div", { className: "brand", text: msg("brand") }),
        el("p", { text: msg("not_found") }),
        el(
          "div",
          { className: "actions" },
          el("a", { href: settingsUrl, text: msg("open_settings") }),
          dismiss,
        ),
      ),
    );
    return { host, remove: () => host.remove() };
  }

  PG.ui = { callout, acceptWarning, notFound };
})();
