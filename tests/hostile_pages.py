"""Generates odd and hostile claude.ai pages: huge, deep, noisy, or changing under the script."""

from __future__ import annotations

import json
from dataclasses import dataclass

# Each page builds its DOM from a script, lets two frames pass (so the extension's
# handlers for the new switches have run), then records how long all of that took in
# data-fixture-ms and sets data-fixture-ready.
_SHELL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claude</title>
<style>
  body {{ font: 14px system-ui; margin: 0; }}
  [role=switch] {{ width: 36px; height: 20px; }}
  .row {{ display: flex; gap: 8px; align-items: center; padding: 2px; }}
</style></head>
<body><main id="app"></main>
<script>
const app = document.getElementById("app");
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
function nativeSwitch(on) {{
  const s = document.createElement("input");
  s.type = "checkbox"; s.setAttribute("role", "switch"); s.checked = on;
  return s;
}}
function radixSwitch(on) {{
  const s = document.createElement("button");
  s.type = "button"; s.setAttribute("role", "switch");
  s.setAttribute("aria-checked", String(on)); s.dataset.state = on ? "checked" : "unchecked";
  s.addEventListener("click", () => {{
    const next = s.getAttribute("aria-checked") !== "true";
    s.setAttribute("aria-checked", String(next)); s.dataset.state = next ? "checked" : "unchecked";
  }});
  return s;
}}
function row(text, sw) {{
  const r = document.createElement("div"); r.className = "row";
  const t = document.createElement("div"); t.textContent = text;
  r.append(t, sw); return r;
}}
function popup(on) {{
  const portal = document.createElement("div");
  const d = document.createElement("div");
  d.setAttribute("role", "dialog"); d.setAttribute("aria-labelledby", "radix-:r1:");
  const h = document.createElement("h2"); h.id = "radix-:r1:";
  h.textContent = "Updates to Consumer Terms and Policies";
  const label = document.createElement("span"); label.id = "_r_1_";
  label.textContent = "You can help improve Claude";
  const sw = nativeSwitch(on); sw.setAttribute("aria-labelledby", "_r_1_");
  sw.setAttribute("data-fixture-expect", on ? "on" : "off");
  const buttons = document.createElement("div");
  for (const name of ["Not now", "Accept"]) {{
    const b = document.createElement("button"); b.textContent = name; buttons.append(b);
  }}
  const r = document.createElement("div"); r.append(label, sw);
  d.append(h, r, buttons); portal.append(d); return portal;
}}
(async () => {{
{body}
  await frame(); await frame();
  document.documentElement.setAttribute("data-fixture-ms", String(Math.round(performance.now())));
  document.documentElement.setAttribute("data-fixture-ready", "1");
}})();
</script></body></html>
"""


@dataclass(frozen=True)
class HostilePage:
    """One generated page and what the extension must do on it."""

    id: str
    body: str  # JavaScript statements run inside the async builder function
    marked: int  # training switches that must end up marked
    ui_hosts: int  # elements with data-privacy-guard-ui expected at the end

    @property
    def html(self) -> str:
        return _SHELL.format(body=self.body)


OTHER_LABELS = [
    "Location metadata",
    "Extended thinking",
    "Web search",
    "Help improve Claude's answers with memory",
    "Let Claude use your location",
    "Claude can search the web",
    "Research",
    "Artifacts",
]

PAGES = [
    HostilePage(
        "thousand-switches",
        f"""
  const labels = {json.dumps(OTHER_LABELS)};
  for (let i = 0; i < 1000; i++) {{
    const sw = i % 2 ? nativeSwitch(i % 3 === 0) : radixSwitch(i % 3 === 0);
    app.append(row(labels[i % labels.length] + " " + i, sw));
  }}""",
        marked=0,
        ui_hosts=0,
    ),
    HostilePage(
        "thousand-switches-one-training",
        """
  for (let i = 0; i < 999; i++) app.append(row("Notification " + i, radixSwitch(false)));
  app.append(popup(true));""",
        marked=1,
        ui_hosts=2,
    ),
    HostilePage(
        "nesting-5000-deep",
        """
  // display: contents keeps the DOM 5000 deep (what the content script walks) while
  // the layout stays flat: Chromium's renderer itself crashes on ~3000 nested boxes.
  let node = app;
  for (let i = 0; i < 5000; i++) {
    const d = document.createElement("div"); d.style.display = "contents";
    node.append(d); node = d;
  }
  // The consent popup at the bottom of it: a dialog is where the switch appears.
  const dialog = document.createElement("div"); dialog.setAttribute("role", "dialog");
  const sw = radixSwitch(true); sw.setAttribute("aria-label", "Help improve Claude");
  sw.setAttribute("data-fixture-expect", "on");
  dialog.append(sw); node.append(dialog);""",
        marked=1,
        ui_hosts=1,
    ),
    HostilePage(
        "hundred-thousand-nodes",
        """
  const frag = document.createDocumentFragment();
  for (let p = 0; p < 2000; p++) {
    const para = document.createElement("p");
    for (let s = 0; s < 49; s++) {
      const span = document.createElement("span"); span.textContent = "token" + s + " ";
      para.append(span);
    }
    frag.append(para);
  }
  app.append(frag);
  app.append(popup(false));""",
        marked=1,
        ui_hosts=1,
    ),
    HostilePage(
        "huge-text-nodes",
        """
  const huge = "help improve Claude ".repeat(250000);
  const r = document.createElement("div"); r.className = "row";
  const t = document.createElement("div"); t.textContent = huge;
  r.append(t, nativeSwitch(true)); app.append(r);
  const big = document.createElement("span"); big.id = "big"; big.textContent = "x".repeat(5e6);
  const sw = radixSwitch(true); sw.setAttribute("aria-labelledby", "big");
  app.append(big, row("", sw));""",
        marked=0,
        ui_hosts=0,
    ),
    HostilePage(
        "switches-without-labels",
        """
  for (let i = 0; i < 200; i++) app.append(i % 2 ? nativeSwitch(true) : radixSwitch(true));""",
        marked=0,
        ui_hosts=0,
    ),
    HostilePage(
        "claude-in-other-contexts",
        f"""
  for (const text of {json.dumps(OTHER_LABELS)}) {{
    const sw = radixSwitch(true); sw.setAttribute("aria-label", text); app.append(row(text, sw));
  }}
  const quote = document.createElement("div"); quote.dataset.testid = "user-message";
  const q = nativeSwitch(true); q.setAttribute("aria-label", "You can help improve Claude");
  quote.append("Should I turn off 'Help improve Claude'?", q); app.append(quote);""",
        marked=0,
        ui_hosts=0,
    ),
    HostilePage(
        "switch-removed-and-readded",
        """
  const p = popup(true); app.append(p);
  const sw = p.querySelector("[role=switch]"); const parent = sw.parentElement;
  for (let i = 0; i < 30; i++) { sw.remove(); await frame(); parent.append(sw); await frame(); }""",
        marked=1,
        ui_hosts=2,
    ),
    HostilePage(
        "dialog-opened-and-closed",
        """
  for (let i = 0; i < 30; i++) {
    const p = popup(true); document.body.append(p); await frame(); await frame(); p.remove();
    await frame();
  }""",
        marked=0,
        ui_hosts=0,
    ),
    HostilePage(
        "dialog-reopened-at-the-end",
        """
  for (let i = 0; i < 30; i++) {
    const p = popup(i % 2 === 0); document.body.append(p); await frame(); p.remove();
  }
  document.body.append(popup(true));""",
        marked=1,
        ui_hosts=2,
    ),
]


def switch_page(switches: list[dict]) -> str:
    """A page of rows, one switch each, described by the property test's strategy."""
    return _SHELL.format(
        body=f"""
  let n = 0;
  for (const spec of {json.dumps(switches)}) {{
    n += 1;
    const sw = spec.native ? nativeSwitch(spec.on) : radixSwitch(spec.on);
    if (spec.expect) sw.setAttribute("data-fixture-expect", spec.on ? "on" : "off");
    const r = document.createElement("div"); r.className = "row";
    const text = document.createElement("div");
    for (const part of spec.parts) {{
      const s = document.createElement("span"); s.textContent = part; text.append(s);
    }}
    if (spec.style === "aria-label") {{
      sw.setAttribute("aria-label", spec.parts.join("")); r.append(sw);
    }} else if (spec.style === "labelledby") {{
      text.id = "_r_" + n + "_"; sw.setAttribute("aria-labelledby", text.id); r.append(text, sw);
    }} else if (spec.style === "label-wrap" && spec.native) {{
      const l = document.createElement("label"); l.append(text, sw); r.append(l);
    }} else {{ r.append(text, sw); }}
    let holder = r;
    for (let d = 0; d < spec.depth; d++) {{
      const w = document.createElement("div"); w.append(holder); holder = w;
    }}
    if (spec.in_chat) {{
      const m = document.createElement("div"); m.dataset.testid = "user-message"; m.append(holder);
      holder = m;
    }}
    app.append(holder);
  }}"""
    )
