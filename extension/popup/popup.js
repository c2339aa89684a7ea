// The toolbar popup: where you stand (last state seen), what it means, the facts with
// sources, a way to the Privacy settings, and the history of what was seen and confirmed.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const data = globalThis.PRIVACY_GUARD_DATA;
  const { store, i18n } = globalThis.PrivacyGuard;
  const $ = (id) => document.getElementById(id);
  const msg = (key, ...subs) => i18n.message(`popup_${key}`, ...subs);

  // Facts the popup states; the sources are theirs.
  const STATED_FACTS = ["decision_deadline", "deadline_extended_to", "retention_on_years", "plans_affected"];

  function renderStatus(last, policyChanged) {
    const state = last?.state ?? "never";
    $("status").dataset.state = state;
    $("state").textContent = msg(`state_${state}`);
    $("seen").textContent = last
      ? `${msg("seen", i18n.dateTime(last.time))} ${msg(`surface_${last.surface}`)}`
      : "";
    $("meaning").textContent = last ? msg(`meaning_${state}`) : msg("never_hint");
    $("policy-changed").hidden = !policyChanged;
  }

  function renderSources() {
    const ids = [...new Set(STATED_FACTS.flatMap((f) => data.facts[f]?.sources ?? []))];
    const links = ids.map((id) => {
      const source = data.sources[id];
      const label = `${source.publisher}: ${source.title}`;
      if (!source.url) return document.createTextNode(`${label} (${source.date})`);
      const a = document.createElement("a");
      a.href = source.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = label;
      return a;
    });
    $("sources").replaceChildren(...links);
  }

  function renderReceipts(list) {
    $("receipts-empty").hidden = list.length > 0;
    const items = list
      .slice()
      .reverse()
      .map((r) => {
        const li = document.createElement("li");
        const confirmed = r.confirmed ? `, ${msg("receipt_confirmed")}` : "";
        li.textContent = `${i18n.dateTime(r.time)}: ${msg(`receipt_state_${r.state}`)}, ${msg(`surface_${r.surface}`)}${confirmed}`;
        return li;
      });
    $("receipts").replaceChildren(...items);
  }

  /** Save text as a file: a Blob and <a download>, so no "downloads" permission is needed. */
  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // Storage changes arrive in bursts; an older render that finishes late must not
  // overwrite a newer one.
  let renders = 0;
  async function render() {
    const mine = ++renders;
    // The same validated reader as the background: a malformed entry is left out, and
    // the rest still shows.
    const { last, seenPolicyVersion, receipts } = await store.read(["last", "seenPolicyVersion", "receipts"]);
    if (mine !== renders) return;
    const policyChanged = seenPolicyVersion !== undefined && seenPolicyVersion < data.policyVersion;
    renderStatus(last, policyChanged);
    renderReceipts(receipts);
  }

  function openTab(url) {
    api.tabs.create({ url });
    window.close();
  }

  i18n.localize();
  $("version").textContent = data.version;
  $("receipts-hint").textContent = msg("receipts_hint", store.MAX_RECEIPTS);
  renderSources();
  $("open-settings").addEventListener("click", () => openTab(data.detection.settingsUrls[0]));
  $("open-settings-2026").addEventListener("click", (event) => {
    event.preventDefault();
    openTab(data.detection.settingsUrls[1] ?? data.detection.settingsUrls[0]);
  });
  $("options").addEventListener("click", (event) => {
    event.preventDefault();
    api.runtime.openOptionsPage();
  });
  $("export-json").addEventListener("click", async () => {
    const receipts = await store.receipts();
    const body = {
      extension: "Privacy Guard for Claude",
      version: data.version,
      about: `${msg("receipt_intro")} ${msg("receipts_limits")}`,
      receipts,
    };
    download("privacy-guard-history.json", "application/json", `${JSON.stringify(body, null, 2)}\n`);
  });
  // The printable history is an extension page in the user's language, which the browser
  // prints or saves as PDF itself.
  $("open-history").addEventListener("click", () => openTab(api.runtime.getURL("history/history.html")));
  globalThis.PrivacyGuard.confirmStep({
    trigger: $("clear"),
    box: $("confirm"),
    yes: $("clear-yes"),
    no: $("clear-no"),
    onYes: () => store.command("clear-receipts"),
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local") render();
  });
  render();
})();
