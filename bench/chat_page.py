"""The benchmark's claude.ai look-alike: a long chat that streams an answer, plus test popups."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from html import escape

# Fixed seed: every run, with or without the extension, loads byte-identical markup.
SEED = 6

# The first popup during start-up comes this long after DOMContentLoaded (the page busy
# all along), and counts as never marked after this long: an insert after 1 s could find
# the content script past its first sweep.
FIRST_POPUP_AFTER_MS = 300
FIRST_POPUP_TIMEOUT_MS = 1_000

# Filler vocabulary for messages and the streamed answer.
_WORD_TEXT = (
    "the a of to and in is that for it as with be on not this by are or from at an which "
    "but have can will you one all would there their what so up out if about who get when "
    "make model token stream render function value request response context window buffer "
    "cache layout parser element node queue thread latency budget frame event listener "
    "observer switch privacy setting dialog policy browser extension content script "
    "mutation subtree"
)
WORDS = _WORD_TEXT.split()

# Unrelated switches of the kind claude.ai renders in its menus (Radix and native ones).
MENU_LABELS = (
    "Extended thinking",
    "Web search",
    "Research",
    "Google Drive search",
    "Gmail search",
    "Calendar search",
    "Artifacts",
    "Analysis tool",
    "Code execution and file creation",
    "LaTeX rendering",
    "Show prompt suggestions",
    "Enable memory",
    "Search and reference chats",
    "Generate memory from chat history",
    "Use style",
    "Concise responses",
    "Explanatory style",
    "Connected apps",
    "Suggest follow-ups",
    "Show token counts",
    "Auto-scroll while streaming",
    "Send with Enter",
    "Desktop notifications",
    "Sound on completion",
)


@dataclass(frozen=True)
class Size:
    """How big the page is and how long its answer streams."""

    turns: int  # user+assistant message pairs in the history
    paragraphs: tuple[int, int]  # per assistant reply, min and max
    chunks: int  # streamed chunks in the measured answer
    chunk_ms: int  # delay between chunks; ~50 chunks/s is a fast real stream
    bursts: int  # the answer streams in this many bursts per side, interleaved
    menu_remount_chunks: int  # the tools menu is unmounted and mounted again this often
    latency_samples: int  # popup inserts and switch flips per latency run
    cold_samples: int  # first popups after a page load, each in a new tab
    startup_samples: int  # first popups during start-up, of each kind (busy, idle)
    load_samples: int  # traced page loads, of each side (extension, empty control)


SIZES = {
    # ~45,000 words (~60,000 tokens) of history, ~20k DOM nodes, an answer of 600 chunks
    # (~13 s) per side.
    "full": Size(
        turns=95,
        paragraphs=(4, 10),
        chunks=600,
        chunk_ms=20,
        # 30 bursts of 20 chunks: in 14 pairs an empty content script measured 0.98-1.03
        # per pair, against 0.92-1.02 with 10 bursts of 60 (host drift leaks through
        # longer bursts). Outliers near 1.06 still occur: judge by the median.
        bursts=30,
        menu_remount_chunks=100,
        latency_samples=31,
        # Each sample loads the 20k-node page in a new tab (~1 s); 21 give a stable median
        # and a p90 that is not the single slowest.
        cold_samples=21,
        # Each a new tab (~1 s); the busy and the idle kind alternate.
        startup_samples=21,
        # Each ~3 s (load, 1.5 s after it, reading the trace), per side.
        load_samples=11,
    ),
    # Enough of everything to exercise every code path in a few seconds.
    "tiny": Size(
        turns=4,
        paragraphs=(1, 3),
        chunks=40,
        chunk_ms=20,
        bursts=2,
        menu_remount_chunks=10,
        latency_samples=3,
        cold_samples=3,
        startup_samples=2,
        load_samples=2,
    ),
}


def _sentence(rng: random.Random, lo: int = 6, hi: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _inline(rng: random.Random) -> str:
    """A paragraph body with the inline markup a markdown renderer produces."""
    parts = []
    for _ in range(rng.randint(2, 5)):
        text = escape(_sentence(rng))
        kind = rng.random()
        if kind < 0.15:
            parts.append(f"<strong>{text}</strong>")
        elif kind < 0.25:
            parts.append(f"<code>{escape(rng.choice(WORDS))}()</code> {text}")
        elif kind < 0.32:
            parts.append(f'<a href="https://example.com/{rng.randint(1, 999)}">{text}</a>')
        else:
            parts.append(text)
    return " ".join(parts)


def _code_block(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(4, 14)):
        toks = "".join(
            f'<span class="tok-{rng.choice("kwsfnp")}">{escape(rng.choice(WORDS))}</span> '
            for _ in range(rng.randint(2, 8))
        )
        lines.append(f'<span class="line">{toks}</span>')
    return (
        '<div class="code"><div class="code-head"><span>python</span>'
        '<button type="button">Copy</button></div>'
        f"<pre><code>{chr(10).join(lines)}</code></pre></div>"
    )


def _task_list(rng: random.Random) -> str:
    # Markdown task lists render real checkboxes inside messages: the extension sees them.
    items = "".join(
        f'<li class="task"><input type="checkbox" disabled{" checked" * (rng.random() < 0.5)}>'
        f" {escape(_sentence(rng, 3, 8))}</li>"
        for _ in range(rng.randint(2, 5))
    )
    return f'<ul class="tasks">{items}</ul>'


def _assistant_reply(rng: random.Random, size: Size) -> str:
    blocks = []
    for _ in range(rng.randint(*size.paragraphs)):
        kind = rng.random()
        if kind < 0.12:
            blocks.append(_code_block(rng))
        elif kind < 0.24:
            items = "".join(f"<li><p>{_inline(rng)}</p></li>" for _ in range(rng.randint(2, 6)))
            blocks.append(f"<ul>{items}</ul>")
        elif kind < 0.28:
            blocks.append(_task_list(rng))
        elif kind < 0.34:
            blocks.append(f"<h3>{escape(_sentence(rng, 2, 5))}</h3>")
        else:
            blocks.append(f"<p>{_inline(rng)}</p>")
    actions = "".join(
        f'<button type="button" aria-label="{label}"><svg viewBox="0 0 20 20" width="16" '
        f'height="16"><path d="M4 4h12v12H4z"></path></svg></button>'
        for label in ("Copy", "Give positive feedback", "Give negative feedback", "Retry")
    )
    return (
        '<div class="msg assistant" data-test-render-count="1">'
        f'<div class="font-claude-message">{"".join(blocks)}</div>'
        f'<div class="msg-actions">{actions}</div></div>'
    )


def _user_message(rng: random.Random, turn: int) -> str:
    text = _sentence(rng, 8, 40)
    if turn % 17 == 3:
        # Chat text may quote the training switch's words; that is not a switch.
        text += " Should I keep 'You can help improve Claude' on?"
    return (
        '<div class="msg user"><div data-testid="user-message">'
        f'<p class="whitespace-pre-wrap">{escape(text)}</p></div></div>'
    )


def _radix_switch(uid: str, label: str, on: bool) -> str:
    state = "checked" if on else "unchecked"
    return (
        f'<div class="menu-row"><label for="radix-{uid}">{escape(label)}</label>'
        f'<button type="button" role="switch" id="radix-{uid}" aria-checked="{str(on).lower()}" '
        f'data-state="{state}" value="on" class="sw"><span data-state="{state}" class="thumb">'
        f"</span></button>"
        f'<input type="checkbox" aria-hidden="true" tabindex="-1" value="on"{" checked" * on} '
        'class="radix-bubble"></div>'
    )


def _native_switch(uid: str, label: str, on: bool) -> str:
    return (
        f'<div class="menu-row"><span id="lbl-{uid}">{escape(label)}</span>'
        f'<input type="checkbox" role="switch" aria-labelledby="lbl-{uid}" '
        f'class="native-sw"{" checked" * on}></div>'
    )


def _menu(rng: random.Random, name: str, labels: tuple[str, ...]) -> str:
    rows = "".join(
        (_radix_switch if i % 3 else _native_switch)(f"{name}-{i}", label, rng.random() < 0.4)
        for i, label in enumerate(labels)
    )
    return (
        f'<div role="menu" id="radix-menu-{name}" data-state="open" data-side="bottom" '
        f'class="menu">{rows}</div>'
    )


STYLE = """
body { margin: 0; font: 15px/1.6 system-ui, sans-serif; background: #faf9f5; color: #222; }
#root { display: flex; height: 100vh; }
nav { width: 260px; overflow: auto; border-right: 1px solid #ddd; padding: 8px; flex: none; }
nav a { display: block; padding: 4px 8px; color: inherit; text-decoration: none;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
#scroller { flex: 1; overflow-y: auto; }
#thread { max-width: 760px; margin: 0 auto; padding: 16px; }
.msg { margin: 16px 0; }
.msg.user { background: #f0eee6; border-radius: 12px; padding: 8px 14px; }
.code { background: #1e1e1e; color: #ddd; border-radius: 8px; margin: 8px 0; }
.code-head { display: flex; justify-content: space-between; padding: 4px 10px; }
pre { margin: 0; padding: 10px; overflow-x: auto; } .line { display: block; }
.tok-k { color: #c586c0; } .tok-s { color: #ce9178; } .tok-f { color: #dcdcaa; }
.tok-n { color: #b5cea8; } .tok-p { color: #9cdcfe; } .tok-w { color: #ddd; }
.msg-actions button { background: none; border: 0; padding: 4px; }
#composer { border: 1px solid #ccc; border-radius: 12px; margin: 8px auto; width: 720px;
  min-height: 48px; padding: 8px; background: #fff; }
.menus { position: fixed; right: 8px; top: 8px; display: flex; gap: 8px; z-index: 5; }
.menu { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 4px;
  width: 230px; font-size: 12px; }
.menu-row { display: flex; align-items: center; justify-content: space-between;
  position: relative; padding: 1px 4px; }
.sw { width: 28px; height: 16px; border-radius: 8px; border: 0; background: #ccc; padding: 0; }
.sw[data-state=checked] { background: #2563eb; }
.thumb { display: block; width: 12px; height: 12px; border-radius: 6px; background: #fff;
  margin-left: 2px; }
.radix-bubble { position: absolute; pointer-events: none; opacity: 0; margin: 0;
  transform: translateX(-100%); width: 28px; height: 16px; }
[role=dialog] { position: fixed; left: 50%; top: 20%; transform: translateX(-50%);
  width: 520px; background: #fff; border-radius: 12px; padding: 20px; z-index: 50;
  box-shadow: 0 8px 40px rgba(0,0,0,.3); }
.pg-toggle-row { display: flex; align-items: center; gap: 12px; }
.pg-toggle-row input { width: 36px; height: 20px; margin: 0; }
.pg-toggle-row button[role=switch] { width: 36px; height: 20px; }
/* The 2026 grace-period popup's switch (tests/fixtures/_app.css, claude-ui-facts.md §0.1):
   a visually hidden checkbox in a <label> beside the track a person sees. */
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; border-width: 0; }
.switch-group { position: relative; display: inline-flex; flex-shrink: 0; cursor: pointer; }
.switch-track { width: 36px; height: 20px; border-radius: 9999px; background: #b8b5a9; }
.peer:checked ~ .switch-track { background: #c96442; }
.switch-knob { position: absolute; top: 2px; left: 2px; width: 16px; height: 16px;
  border-radius: 50%; background: #fff; pointer-events: none; }
.peer:checked ~ .switch-knob { transform: translateX(16px); }
.grace-row { display: flex; gap: 12px; align-items: center; justify-content: space-between;
  border: 1px solid #dedcd1; border-radius: 8px; padding: 12px; }
"""

# The page's own code, in its main world: the streamer, the menu remounts, and the
# latency probes. Timing is taken here so no Playwright round trip is in the numbers.
SCRIPT = r"""
(() => {
  const CFG = __CONFIG__;
  const WORDS = CFG.words;
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const scroller = document.getElementById("scroller");
  const thread = document.getElementById("thread");
  const menus = document.getElementById("menus");

  function remountMenu() {
    // Radix mounts a menu's content when it opens and unmounts it when it closes.
    const old = document.getElementById("radix-menu-tools");
    const fresh = old.cloneNode(true);
    old.remove();
    menus.append(fresh);
  }

  // The answer being streamed: it grows across bursts until finish().
  let answer = null;
  let chunk = 0;

  function newBlock(body) {
    const r = rand();
    if (r < 0.08) {
      // A task-list item: a checkbox inside the streaming message.
      const ul = document.createElement("ul");
      ul.className = "tasks";
      const li = document.createElement("li");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.disabled = true;
      li.append(box, " ");
      ul.append(li);
      body.append(ul);
      return li;
    }
    if (r < 0.2) {
      const pre = document.createElement("pre");
      const code = document.createElement("code");
      pre.append(code);
      body.append(pre);
      return code;
    }
    if (r < 0.35) {
      const ul = document.createElement("ul");
      const li = document.createElement("li");
      ul.append(li);
      body.append(ul);
      return li;
    }
    const p = document.createElement("p");
    body.append(p);
    return p;
  }

  function appendChunk() {
    if (!answer) {
      const msg = document.createElement("div");
      msg.className = "msg assistant";
      msg.setAttribute("data-is-streaming", "true");
      const body = document.createElement("div");
      body.className = "font-claude-message";
      msg.append(body);
      thread.append(msg);
      answer = { msg, body, block: null };
    }
    if (!answer.block || chunk % 30 === 0) answer.block = newBlock(answer.body);
    const span = document.createElement("span");
    span.textContent = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} `;
    answer.block.append(span);
    scroller.scrollTop = scroller.scrollHeight; // stick to the bottom, as the app does
    chunk += 1;
    if (chunk % CFG.menuRemountChunks === 0) remountMenu();
  }

  /** Stream `n` chunks, one every chunkMs; logs "bench:burst" when they are in. */
  function burst(n) {
    let left = n;
    const tick = () => {
      appendChunk();
      left -= 1;
      if (left > 0) {
        setTimeout(tick, CFG.chunkMs);
        return;
      }
      // Let the last frame's style, animation events and observers run before "done";
      // the driver waits for this console line instead of polling the page.
      requestAnimationFrame(() => setTimeout(() => console.log("bench:burst"), 50));
    };
    setTimeout(tick, CFG.chunkMs);
  }

  /** The answer is complete: the app drops data-is-streaming. */
  function finish() {
    answer?.msg.removeAttribute("data-is-streaming");
    answer = null;
  }

  // --- latency probes ---------------------------------------------------------------
  const MARK = "data-privacy-guard";
  let nextId = 0;

  function popup(kind) {
    const id = `pb-${nextId++}`;
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("data-state", "open");
    let sw;
    if (kind === "popup") {
      dialog.setAttribute("aria-labelledby", `${id}-title`);
      sw = document.createElement("input");
      sw.type = "checkbox";
      sw.setAttribute("role", "switch");
      sw.checked = true;
      sw.setAttribute("aria-labelledby", `${id}-label`);
      dialog.innerHTML =
        `<h2 id="${id}-title">Updates to Consumer Terms and Policies</h2>` +
        "<p>An update to our Consumer Terms and Privacy Policy will take effect on " +
        "<strong>October 8, 2025</strong>. You can accept the updated terms today.</p>" +
        "<h3>What's changing?</h3>" +
        `<div class="pg-toggle-row"><div><div id="${id}-label">You can help improve Claude` +
        "</div><div>Allow the use of your chats and coding sessions to train and improve " +
        "Anthropic AI models. Change anytime in your Privacy Settings.</div></div></div>" +
        "<div><button type=button>Accept</button> <button type=button>Not now</button></div>";
      dialog.querySelector(".pg-toggle-row").append(sw);
    } else if (kind === "grace") {
      // The consent popup of the grace period as 2026 builds draw it, the visually hidden
      // checkbox variant (tests/fixtures/popup_2026_grace_hidden_input.html).
      dialog.setAttribute("aria-labelledby", `${id}-title`);
      dialog.setAttribute("tabindex", "-1");
      dialog.innerHTML =
        `<div><h1 id="${id}-title">Updates to Consumer Terms and Policies</h1>` +
        "<p>An update to our Consumer Terms and Privacy Policy will take effect on " +
        '<span class="font-semibold">October 8, 2025</span>. You can accept the updated ' +
        "terms today.</p><div><div>What\u2019s changing?</div>" +
        `<div class="grace-row"><div><p id="${id}-label">Help improve our AI models</p>` +
        "<p>Allow the use of your chats and coding sessions to train and improve Anthropic " +
        'AI models. Change anytime in your <a href="/settings/data-privacy-controls">' +
        "Privacy Settings</a>.</p></div>" +
        '<label><div class="switch-group"><input type="checkbox" role="switch" ' +
        `aria-checked="true" checked aria-labelledby="${id}-label" class="peer sr-only" ` +
        'style="width:36px;height:20px"><div class="switch-track"></div>' +
        '<div class="switch-knob"></div></div></label></div>' +
        "<div><h2>Updates to data retention</h2><p>Turning ON the improve Claude setting " +
        "extends data retention from 30 days to 5 years. Turning it OFF keeps the default " +
        "30-day data retention.</p></div></div>" +
        "<p>These changes take effect immediately upon confirmation.</p>" +
        "<div><button type=button>Accept</button><button type=button>Not now</button></div>" +
        '</div><button type="button" aria-label="Close">\u00d7</button>';
      sw = dialog.querySelector("input[role=switch]");
    } else {
      // The 2026 settings modal: a Radix button switch in a [data-settings-row].
      dialog.setAttribute("data-perf-screen", "data-privacy-controls");
      sw = document.createElement("button");
      sw.type = "button";
      sw.setAttribute("role", "switch");
      sw.setAttribute("aria-checked", "true");
      sw.setAttribute("data-state", "checked");
      sw.addEventListener("click", () => {
        const on = sw.getAttribute("aria-checked") !== "true";
        sw.setAttribute("aria-checked", String(on));
        sw.setAttribute("data-state", on ? "checked" : "unchecked");
      });
      dialog.innerHTML =
        "<h2>Privacy settings</h2><div data-settings-row>" +
        // The space between the two divs keeps the benchmark about speed, not about how
        // detect.js joins block text: textContent would read "…ClaudeAllow the use…".
        '<div class="pg-toggle-row"><div><div>Help improve Claude</div> <div>Allow the use of ' +
        "your chats and coding sessions to train and improve Anthropic AI models.</div></div>" +
        "</div></div>";
      dialog.querySelector(".pg-toggle-row").append(sw);
    }
    return { dialog, sw };
  }

  /** Resolves with ms from `t0` until `sw` carries a mark different from `before`. */
  function markChange(sw, before, t0, timeoutMs) {
    return new Promise((resolve) => {
      const done = (value) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(value);
      };
      const observer = new MutationObserver(() => {
        if (sw.getAttribute(MARK) !== before) done(performance.now() - t0());
      });
      observer.observe(sw, { attributes: true, attributeFilter: [MARK] });
      const timer = setTimeout(() => done(null), timeoutMs);
    });
  }

  let current = null;
  window.__bench = {
    burst,
    finish,
    /** Insert a popup; resolves with insert->mark ms (null: never marked). */
    insert(kind, timeoutMs) {
      this.remove();
      current = popup(kind);
      let t0 = 0;
      const result = markChange(current.sw, null, () => t0, timeoutMs);
      t0 = performance.now();
      document.body.append(current.dialog);
      return result;
    },
    /**
     * The first popup of a fresh page: resolves with { mark, callout }, ms from the insert
     * until the switch carries a mark and until the callout's host is in the dialog
     * (null: not within the timeout).
     */
    firstPopup(timeoutMs) {
      this.remove();
      current = popup("popup");
      const { dialog, sw } = current;
      let t0 = 0;
      const mark = markChange(sw, null, () => t0, timeoutMs);
      const callout = new Promise((resolve) => {
        const done = (value) => {
          observer.disconnect();
          clearTimeout(timer);
          resolve(value);
        };
        const observer = new MutationObserver(() => {
          if (dialog.querySelector('[data-privacy-guard-ui="callout"]')) {
            done(performance.now() - t0);
          }
        });
        observer.observe(dialog, { childList: true, subtree: true });
        const timer = setTimeout(() => done(null), timeoutMs);
      });
      t0 = performance.now();
      document.body.append(dialog);
      return Promise.all([mark, callout]).then(([m, c]) => ({ mark: m, callout: c }));
    },
    /** Centre of the current switch, for a trusted click from the driver. */
    switchBox() {
      const r = current.sw.getBoundingClientRect();
      const mark = current.sw.getAttribute(MARK);
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, mark };
    },
    /** Arm a flip probe; the trusted click's capture-phase listener starts the clock. */
    armFlip(timeoutMs) {
      const sw = current.sw;
      let t0 = null;
      const onClick = (event) => {
        if (event.isTrusted && event.target === sw) t0 = performance.now();
      };
      window.addEventListener("click", onClick, true);
      window.__flip = markChange(sw, sw.getAttribute(MARK), () => t0, timeoutMs).then((ms) => {
        window.removeEventListener("click", onClick, true);
        return t0 === null ? null : ms;
      });
    },
    /**
     * Insert a popup and at once make the browser compute its style and layout, as a
     * visibility check must (checkVisibility, then the box of the track a person sees);
     * resolves with insert->laid out ms. With no content script, the page's own share of
     * an insert->mark time: what no detection that looks at the popup can avoid.
     */
    insertAndLayOut(kind) {
      this.remove();
      current = popup(kind);
      const t0 = performance.now();
      document.body.append(current.dialog);
      current.sw.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
      (current.sw.nextElementSibling ?? current.sw).getBoundingClientRect();
      return Promise.resolve(performance.now() - t0);
    },
    remove() {
      current?.dialog.remove();
      current = null;
    },
  };

  // --- a first popup during start-up (`?first=busy`, `idle` or `layout`) -------------------
  /**
   * Resolves with { mark, wasIdle, at }: ms from the insert of the grace-period popup until
   * its switch is marked (null: not within the timeout), whether an idle callback had run
   * before the insert, and ms from DOMContentLoaded to the insert.
   *
   * "busy": from DOMContentLoaded the app starts up while the answer streams, in
   * back-to-back tasks (a MessageChannel: timers would leave the thread idle between
   * them), each a chunk when one is due and otherwise ~2 ms of the app's own work; the
   * popup comes 300 ms in. "idle", the control: the answer streams on timers and the
   * popup comes once the page has been idle (and 300 ms have passed). "layout": as
   * "busy", but `mark` is insert -> the popup's style and layout forced at once
   * (insertAndLayOut), for a run with an empty content script.
   */
  function firstPopupDuringStartup(mode) {
    // Registered while the page parses: while this one has not run, the page has never
    // been idle (hence `wasIdle`; `at` says when the popup came).
    let idleAt = null;
    requestIdleCallback(() => {
      idleAt = performance.now();
    });
    return new Promise((resolve) => {
      document.addEventListener("DOMContentLoaded", () => {
        const ready = performance.now();
        let streaming = true;
        const insert = () => {
          const at = performance.now() - ready;
          const wasIdle = idleAt !== null;
          const inserted =
            mode === "layout"
              ? window.__bench.insertAndLayOut("grace")
              : window.__bench.insert("grace", CFG.firstPopupTimeoutMs);
          inserted.then((mark) => {
            streaming = false;
            finish();
            resolve({ mark, wasIdle, at });
          });
        };
        if (mode === "busy" || mode === "layout") {
          const channel = new MessageChannel();
          let inserted = false;
          let lastChunk = -Infinity;
          channel.port1.onmessage = () => {
            if (!streaming) return;
            const now = performance.now();
            if (!inserted && now - ready >= CFG.firstPopupAfterMs) {
              inserted = true;
              insert();
            } else if (now - lastChunk >= CFG.chunkMs) {
              lastChunk = now;
              appendChunk();
            } else {
              while (performance.now() - now < 2) {
                // the app's own start-up work
              }
            }
            channel.port2.postMessage(0);
          };
          channel.port2.postMessage(0);
          return;
        }
        const tick = () => {
          if (!streaming) return;
          appendChunk();
          setTimeout(tick, CFG.chunkMs);
        };
        setTimeout(tick, CFG.chunkMs);
        // Once the page has been idle: the control.
        requestIdleCallback(() => {
          setTimeout(insert, Math.max(0, CFG.firstPopupAfterMs - (performance.now() - ready)));
        });
      });
    });
  }
  const firstMode = new URLSearchParams(location.search).get("first");
  if (firstMode) window.__firstPopup = firstPopupDuringStartup(firstMode);
  document.documentElement.dataset.benchReady = "1";
})();
"""


def build_page(size: Size) -> str:
    """The whole chat page as one HTML document, identical for every run of a size."""
    rng = random.Random(SEED)
    history = []
    for turn in range(size.turns):
        history.append(_user_message(rng, turn))
        history.append(_assistant_reply(rng, size))
    chats = "".join(
        f'<a href="/chat/{rng.getrandbits(64):016x}">{escape(_sentence(rng, 2, 6))}</a>'
        for _ in range(max(10, size.turns))
    )
    config = {
        "words": WORDS,
        "chunks": size.chunks,
        "chunkMs": size.chunk_ms,
        "menuRemountChunks": size.menu_remount_chunks,
        "firstPopupAfterMs": FIRST_POPUP_AFTER_MS,
        "firstPopupTimeoutMs": FIRST_POPUP_TIMEOUT_MS,
    }
    half = len(MENU_LABELS) // 2
    menus = _menu(rng, "tools", MENU_LABELS[:half]) + _menu(rng, "settings", MENU_LABELS[half:])
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Claude</title>'
        f"<style>{STYLE}</style></head><body>"
        f'<div id="root"><nav aria-label="Chats">{chats}</nav><main>'
        f'<div id="scroller"><div id="thread">{"".join(history)}</div></div>'
        '<div id="composer" contenteditable="true" role="textbox"><p>Reply to Claude…</p></div>'
        f'</main></div><div id="menus" class="menus">{menus}</div>'
        f"<script>{SCRIPT.replace('__CONFIG__', json.dumps(config))}</script>"
        "</body></html>"
    )
