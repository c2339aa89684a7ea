// The history page: every stored observation, newest first, in the user's language, with
// what is known about each (seen, or a choice the user confirmed), to print or save as PDF.
(() => {
  const data = globalThis.PRIVACY_GUARD_DATA;
  const PG = globalThis.PrivacyGuard;
  const { store, i18n, messages } = PG;
  const $ = (id) => document.getElementById(id);
  const msg = (key, ...subs) => i18n.message(`history_${key}`, ...subs);

  /** What happened: a choice confirmed by Accept/Continue, or only what the page showed. */
  const what = (entry) =>
    entry.surface === "settings"
      ? msg("seen_settings")
      : msg(`${entry.confirmed ? "confirmed" : "seen"}_${entry.surface}`);

  const state = (entry) =>
    entry.state === "off" && entry.locked ? msg("state_locked") : msg(`state_${entry.state}`);

  function row(entry) {
    const tr = document.createElement("tr");
    // Colour (red on, green off) only for what counts: a state seen in the settings or a
    // choice confirmed; a popup seen before its Accept (schema 1 data) stays plain.
    if (entry.surface === "settings" || entry.confirmed) tr.dataset.state = entry.state;
    const when = document.createElement("td");
    const time = document.createElement("time");
    time.dateTime = entry.time;
    time.textContent = i18n.dateTime(entry.time, "long");
    when.append(time);
    const cells = [what(entry), state(entry)].map((text) => {
      const td = document.createElement("td");
      td.textContent = text;
      return td;
    });
    tr.append(when, ...cells);
    return tr;
  }

  // Storage changes arrive in bursts; an older render that finishes late must not
  // overwrite a newer one.
  let renders = 0;
  async function render() {
    const mine = ++renders;
    // The same validated reader as the background: a malformed entry is left out.
    const { receipts, settings } = await store.read(["receipts", "settings"]);
    if (mine !== renders) return;
    $("made").textContent = msg("made", data.version, i18n.dateTime(new Date().toISOString(), "long"));
    $("off-note").hidden = settings.keepReceipts;
    $("empty").hidden = receipts.length > 0;
    $("history").hidden = receipts.length === 0;
    // "Off" is never the whole story: feedback given and chats flagged for safety review
    // can still be used. Said once, above the entries, whenever one of them says Off.
    $("off-still-trains").hidden = !receipts.some((entry) => entry.state === "off");
    $("rows").replaceChildren(...receipts.slice().reverse().map(row));
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

  i18n.localize();
  $("print").addEventListener("click", () => window.print());
  $("export-json").addEventListener("click", async () => {
    const { receipts } = await store.read(["receipts"]);
    const body = {
      extension: "Privacy Guard for Claude",
      version: data.version,
      about: `${msg("intro")} ${msg("limits")}`,
      receipts,
    };
    download("privacy-guard-history.json", "application/json", `${JSON.stringify(body, null, 2)}\n`);
  });
  PG.confirmStep({
    trigger: $("clear"),
    box: $("confirm"),
    yes: $("clear-yes"),
    no: $("clear-no"),
    onYes: () => store.command(messages.CLEAR_RECEIPTS),
  });
  (globalThis.browser ?? globalThis.chrome).storage.onChanged.addListener((changes, area) => {
    if (area === "local") render();
  });
  render();
})();
