// The toolbar popup: where you stand (the last state seen and its age, or that it is too
// old to count, or that Privacy Guard cannot see claude.ai), one way to the Privacy
// settings, a report of the page, and today's facts with their sources; the 2025
// deadlines under History.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const data = globalThis.PRIVACY_GUARD_DATA;
  const { store, i18n, messages } = globalThis.PrivacyGuard;
  const $ = (id) => document.getElementById(id);
  const msg = (key, ...subs) => i18n.message(`popup_${key}`, ...subs);
  // The language of the messages shown (i18n.js): ages and dates are written in it, so a
  // French popup never says "Vérifié now" where the browser's UI language differs.
  const language = i18n.language();
  // The content script's origin: withdrawn, it never runs (Firefox lets the user remove
  // MV3 host permissions; Chrome's "on click" site access withholds them).
  const SITE_ACCESS = { origins: ["https://claude.ai/*"] };
  // "Copy a report" on a tab still loading asks again this often, for at most this long,
  // and for this long once the tab has loaded (askForReport).
  const REPORT_RETRY_MS = 100;
  const REPORT_WAIT_MS = 10_000;
  const REPORT_AFTER_LOAD_MS = 2_000;

  // What the popup states today, each from the facts it names (their values are written
  // into the strings by the builder; the sources come from policy_data here). Every fact
  // of policy.yaml is in one of the two lists: tests/test_popup.py checks it.
  // (Each sentence is a literal msg call, so that tests/test_i18n.py sees the messages used.)
  const FACTS_NOW = [
    [msg("fact_default_on"), ["default_on"]],
    [msg("fact_training_scope"), ["training_scope"]],
    [msg("fact_feedback"), ["feedback_trains_even_off", "feedback_retention_years"]],
    [msg("fact_retention_now"), ["retention_on_years", "retention_off_days"]],
    [msg("fact_incognito"), ["incognito_not_trained", "incognito_retention_days"]],
    [msg("fact_deleted"), ["deleted_chats_not_trained"]],
    [msg("fact_flagged"), ["flagged_kept_longer", "flagged_trains_even_off"]],
    [msg("fact_not_retroactive"), ["opt_out_not_retroactive"]],
    [msg("fact_plans_affected"), ["plans_affected"]],
    [msg("fact_plans_excluded"), ["plans_not_affected"]],
    [msg("fact_keep_proof"), ["keep_proof"]],
  ];
  const FACTS_HISTORY = [
    [msg("fact_announced"), ["announced"]],
    [msg("fact_deadlines"), ["decision_deadline", "deadline_extended_to"]],
  ];

  /** "3 days ago", "yesterday", "now" in the language of the messages. */
  function ago(iso, now = Date.now()) {
    // Never "in 3 minutes": a time a little ahead (clock drift) is now; further ahead is
    // stale (store.freshness) and not shown as an age.
    const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000));
    const format = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
    const abs = Math.abs(seconds);
    if (abs < 60) return format.format(0, "second");
    if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
    if (abs < 86_400) return format.format(Math.round(seconds / 3600), "hour");
    return format.format(Math.round(seconds / 86_400), "day");
  }

  const days = (n) =>
    new Intl.NumberFormat(language, { style: "unit", unit: "day", unitDisplay: "long" }).format(n);
  const date = (iso) => new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date(iso));

  /**
   * Which state to show: "noaccess" when the content script cannot run on claude.ai,
   * "stale" when the last state seen is older than the user's checkAgainDays, else the
   * state itself ("never" before the first).
   */
  function shownState(last, settings, access) {
    if (!access) return "noaccess";
    if (!last) return "never";
    return store.freshness(last.time, settings) === "stale" ? "stale" : last.state;
  }

  function renderStatus({ last, settings, access, policyChanged }) {
    const shown = shownState(last, settings, access);
    $("status").dataset.state = shown;
    $("state").textContent = msg(`state_${shown}`);
    const where = last ? msg(`surface_${last.surface}`) : "";
    const seen = $("seen");
    seen.title = last ? i18n.dateTime(last.time) : "";
    if (!last) seen.textContent = "";
    else if (shown === "stale" && Date.parse(last.time) <= Date.now()) {
      seen.textContent = msg("stale_seen", date(last.time), where, days(settings.checkAgainDays));
    } else if (shown === "stale" || shown === "noaccess") {
      seen.textContent = msg("last_seen_on", date(last.time), where);
    }
    else seen.textContent = msg("checked_ago", ago(last.time), where);
    const hints = { stale: msg("stale_hint"), noaccess: msg("noaccess_hint"), never: msg("never_hint") };
    // "unknown" from the consent popup or the sign-up step: it showed again after a choice
    // made on it (content/track.js doubt), not a settings screen without its switch.
    if (shown === "unknown" && last.surface !== "settings") hints.unknown = msg("meaning_asked_again");
    $("meaning").textContent = hints[shown] ?? msg(`meaning_${shown}`);
    // "Off" is never the whole story: feedback given and chats flagged for safety review
    // can still be used (policy.yaml: feedback_trains_even_off, flagged_trains_even_off).
    const still = $("still-trains");
    still.hidden = shown !== "off";
    still.textContent = shown === "off" ? msg("off_still_trains") : "";
    $("access").hidden = shown !== "noaccess";
    $("policy-changed").hidden = !policyChanged || shown === "noaccess";
  }

  /** Links to a fact's sources (a source without a URL is named with its date). */
  function sourceLinks(facts) {
    const ids = [...new Set(facts.flatMap((f) => data.facts[f]?.sources ?? []))];
    return ids.map((id) => {
      const source = data.sources[id];
      if (!source.url) {
        const span = document.createElement("span");
        span.textContent = `${source.publisher} (${source.date})`;
        span.title = source.title;
        return span;
      }
      const a = document.createElement("a");
      a.href = source.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = source.publisher;
      a.title = source.title;
      return a;
    });
  }

  function renderFacts(list, table) {
    const items = table.map(([sentence, facts]) => {
      const li = document.createElement("li");
      li.dataset.facts = facts.join(" ");
      const text = document.createElement("span");
      text.textContent = sentence;
      const sources = document.createElement("span");
      sources.className = "sources";
      const links = sourceLinks(facts).flatMap((link, i) => (i ? [" · ", link] : [link]));
      sources.append(`${msg("sources")}: `, ...links);
      li.append(text, " ", sources);
      return li;
    });
    list.replaceChildren(...items);
  }

  const hasAccess = () => api.permissions.contains(SITE_ACCESS).catch(() => false);

  // Storage changes arrive in bursts; an older render that finishes late must not
  // overwrite a newer one.
  let renders = 0;
  async function render() {
    const mine = ++renders;
    // The same validated reader as the background: a malformed entry is left out, and
    // the rest still shows.
    const [stored, access] = await Promise.all([
      store.read(["last", "seenPolicyVersion", "settings"]),
      hasAccess(),
    ]);
    if (mine !== renders) return;
    const { last, seenPolicyVersion, settings } = stored;
    const policyChanged = seenPolicyVersion !== undefined && seenPolicyVersion < data.policyVersion;
    renderStatus({ last, settings, access, policyChanged });
  }

  /** Ask for site access again; must run first thing in a click (a user gesture). */
  function allowAccess() {
    const asked = api.permissions.request(SITE_ACCESS);
    asked.then(
      (granted) => {
        const result = $("access-result");
        result.hidden = false;
        result.textContent = granted ? msg("access_granted") : msg("access_refused");
        render();
      },
      () => render(),
    );
  }

  /**
   * The tab the popup was opened over. Its URL is not read: Chromium shows tab URLs only
   * to extensions with the "tabs" permission or host_permissions, and a content script's
   * matches are neither. Only the content script, which runs on claude.ai alone, answers
   * the message, so an answer is itself proof of a claude.ai tab.
   */
  async function activeTab() {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab ?? null;
  }

  /**
   * The tab's answer to DESCRIBE_PAGE. While the tab is loading nothing may listen yet
   * (the page has not arrived, or the content script's module is still being imported:
   * content/content.js; an import() does not hold back the load event, so a page can be
   * "complete" a moment before its module listens). A failed ask is repeated every
   * REPORT_RETRY_MS while the tab is loading and for REPORT_AFTER_LOAD_MS after it has
   * loaded, at most REPORT_WAIT_MS in all; a tab that had loaded before the first ask
   * gets that one ask, so another site's tab is told at once that there is nothing to
   * copy. tabs.get's `status` needs no "tabs" permission (only URL, title and icon do).
   * @param {number} tabId
   * @returns {Promise<{ report?: unknown } | undefined>} the answer; rejects as
   *   tabs.sendMessage does
   */
  async function askForReport(tabId) {
    const giveUpAt = Date.now() + REPORT_WAIT_MS;
    let sawLoading = false;
    let loadedAt = null;
    for (;;) {
      try {
        return await api.tabs.sendMessage(tabId, { type: messages.DESCRIBE_PAGE });
      } catch (err) {
        const now = Date.now();
        if ((await api.tabs.get(tabId)).status === "loading") sawLoading = true;
        else if (sawLoading) loadedAt ??= now;
        else throw err;
        if (now >= giveUpAt || (loadedAt !== null && now - loadedAt >= REPORT_AFTER_LOAD_MS)) {
          throw err;
        }
        await new Promise((resolve) => setTimeout(resolve, REPORT_RETRY_MS));
      }
    }
  }

  /** Copy the content script's redacted report of the page (see content/). */
  async function copyReport() {
    const result = $("report-result");
    let report = null;
    try {
      const tab = await activeTab();
      const answer = tab ? await askForReport(tab.id) : null;
      if (typeof answer?.report === "string" && answer.report) report = answer.report;
    } catch {
      // No content script in the tab (not claude.ai, access withdrawn, a tab loaded
      // before the extension), or a tab that did not finish loading in time: nothing
      // to copy.
    }
    if (report === null) {
      result.textContent = msg("report_unreadable");
      return;
    }
    try {
      await navigator.clipboard.writeText(report);
      result.textContent = msg("report_copied");
    } catch {
      result.textContent = msg("report_copy_failed");
    }
  }

  function openTab(url) {
    api.tabs.create({ url });
    window.close();
  }

  i18n.localize();
  $("version").textContent = data.version;
  renderFacts($("facts"), FACTS_NOW);
  renderFacts($("history-facts"), FACTS_HISTORY);
  $("open-settings").addEventListener("click", () => openTab(data.detection.settingsUrls[0]));
  $("allow-access").addEventListener("click", allowAccess);
  $("copy-report").addEventListener("click", copyReport);
  $("history-page").addEventListener("click", (event) => {
    event.preventDefault();
    openTab(api.runtime.getURL("history/history.html"));
  });
  $("options").addEventListener("click", (event) => {
    event.preventDefault();
    api.runtime.openOptionsPage();
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local") render();
  });
  api.permissions.onAdded?.addListener(render);
  api.permissions.onRemoved?.addListener(render);
  // The badge ages too: have the background look at it now that someone is looking.
  store.command(messages.REFRESH_BADGES).catch(() => {});
  render();
})();
