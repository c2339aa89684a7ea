// Entry point. Watches claude.ai cheaply: a CSS animation (content.css) announces every
// switch rendered inside a dialog or the Privacy settings, and a childList-only observer
// on <body> sees dialog portals in the task that adds them, so no observer runs over the
// busy chat DOM. A slow sweep of the same places covers pages that switch animations
// off. While the Privacy settings or the onboarding step show, a short poll scans them;
// a switch that cannot be seen yet, or whose words have not rendered, is re-checked for
// a while and then looked at again whenever its dialog or panel changes (see park).
//
// What is reported is what the site saved: on the Privacy settings a flip counts at once;
// on the consent popup and the onboarding step the switch is a pending choice that counts
// only when "Accept" / "Continue" is pressed with it in that position (facts §1, §2).
import data from "../generated/content-data.js";
import { store } from "../shared/store.js";
import { ui } from "./callout.js";
import { describe } from "./describe.js";
import { detect } from "./detect.js";
import { NO_CHOICE, lockSettled, stepChoice } from "./machine.js";

// Guard against double injection: one copy of the script per page.
if (!globalThis.__privacyGuardStarted) {
  globalThis.__privacyGuardStarted = true;
  main();
}

function main() {
  const api = globalThis.browser ?? globalThis.chrome;

  const SENTINEL = "privacy-guard-sentinel"; // keyframes name in content.css
  const CONTAINERS = data.detection.watchedContainers.join(",");
  /** Every selector of `inner` inside every one of `outer`, as one selector list. */
  const within = (outer, inner) => outer.flatMap((o) => inner.map((i) => `${o} ${i}`)).join(",");
  // What content.css animates: the switches in every watched container, and the text
  // boxes in dialogs (the feedback dialog holds one and no switch).
  const WATCHED = within(data.detection.watchedContainers, data.detection.switchSelectors);
  const FIELDS = within(data.detection.dialogSelectors, data.detection.feedbackFields);
  const POLL_MS = 400;
  const SURFACE_SCAN_MS = 250;
  const SWEEP_MS = 1000;
  // How often the sentinel animation is checked to still reach switches (the page can
  // switch animations off at any time: claude.ai's "Motion: Reduced" setting). The check
  // makes the browser bring the page's styles up to date, which on a streaming chat is
  // not free: 5 s cost 2% of its script time (bench/), 30 s is in the noise.
  const PROBE_MS = 30000;
  const URL_POLL_MS = 500;
  const MARK = "data-privacy-guard";
  const WATCHED_ATTRIBUTES = [
    "aria-checked",
    "data-state",
    "data-checked",
    "data-unchecked",
    "checked",
    "disabled",
    "aria-disabled",
    "data-disabled",
  ];
  const PENDING = new Set(["popup", "onboarding"]);
  // "Turn it off" sends one click, then waits for the switch to change or this long.
  const TURN_OFF_SETTLE_MS = 3000;
  // How long a locked switch must hold before "off and locked" is said (machine.js
  // lockSettled): as long as the settings get to render before "couldn't find".
  const LOCKED_SETTLE_MS = data.detection.notFoundAfterMs;

  /**
   * switch element -> { state, locked, since (when state/locked last changed), shown (the
   * state last reported and drawn), surface, callout, warning, turnOffUntil, drawQueued
   * and redraw (see queueDraw), observer }
   */
  const tracked = new Map();
  const timers = new Set();
  const listeners = [];
  let pollTimer = 0;
  let notice = null;
  let noticeDismissed = false;
  let surfaceScan = 0;
  let stopped = false;
  // Switches in chat content, which can never be the training switch; scans skip them.
  const rejected = new WeakSet();
  // Switches that may still turn out to be it (see setAside) -> looks left.
  const unsure = new Map();
  // Dialog or panel -> { observer, switches }: switches whose looks ran out, looked at
  // again when something in or above their holder changes (see park).
  const parked = new Map();
  const RECHECK_MS = 500;
  // As long as the settings get to render before the "check it yourself" notice.
  const RECHECKS = Math.ceil(data.detection.notFoundAfterMs / RECHECK_MS);
  let recheckTimer = 0;
  // surface ("popup" / "onboarding") -> its pending choice (machine.js stepChoice) and the
  // timer that wakes it: { state, timer }.
  const choices = new Map();
  let lastUrl = location.href;
  // The user's options; shown until storage answers, so a warning is never late.
  let settings = { ...store.DEFAULT_SETTINGS };

  /** On a page whose URL is the Privacy settings or the onboarding step. */
  const onSurfaceUrl = () => detect.isSettingsUrl() || detect.isOnboardingUrl();
  /** That, or the Privacy screen showing in an overlay opened with no URL change. */
  const surfaceShows = () => onSurfaceUrl() || Boolean(detect.privacyScreen());

  const warns = (surface) =>
    surface === "settings" ? settings.warnOnSettings : settings.warnOnPopup;

  /** Run `fn`, and log (once per kind) instead of throwing into the page. */
  const logged = new Set();
  function guarded(kind, fn) {
    return (...args) => {
      if (stopped) return undefined;
      try {
        return fn(...args);
      } catch (err) {
        if (!alive()) return teardown();
        if (!logged.has(kind)) {
          logged.add(kind);
          console.warn(`Privacy Guard: ${kind} failed`, err);
        }
        return undefined;
      }
    };
  }

  function every(ms, fn) {
    const id = setInterval(fn, ms);
    timers.add(id);
    return id;
  }

  function stopTimer(id) {
    clearInterval(id);
    timers.delete(id);
    return 0;
  }

  /** Run `fn` when the page is idle, within a second at the latest. */
  function idle(fn) {
    if (typeof requestIdleCallback === "function") requestIdleCallback(fn, { timeout: 1000 });
    else setTimeout(fn, 0);
  }

  function listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    listeners.push([target, type, fn, options]);
  }

  /** False once the extension was updated, disabled or removed under this page. */
  function alive() {
    try {
      return Boolean(api?.runtime?.id);
    } catch {
      return false;
    }
  }

  function send(message) {
    if (!alive()) return teardown();
    try {
      // Fire and forget: the background may be starting up; nothing here may throw.
      api.runtime.sendMessage(message)?.catch?.(() => {});
    } catch {
      teardown();
    }
    return undefined;
  }

  function report(state, entry, confirmed = false) {
    send({
      type: "privacy-guard/observed",
      state,
      surface: entry?.surface ?? "settings",
      locked: entry?.locked ?? false,
      confirmed,
      path: location.pathname + location.hash,
      policyVersion: data.policyVersion,
    });
  }

  function consider(el) {
    if (tracked.has(el)) return refresh(el);
    if (rejected.has(el) || unsure.has(el) || !el.isConnected) return undefined;
    if (detect.isChatContent(el)) {
      rejected.add(el);
      return undefined;
    }
    // The Privacy screen can show with no URL change (shortcut, tab buttons): its
    // switches rendering here is the sign to watch it, notice included.
    if (!surfaceScan && detect.inPrivacyPanel(el)) watchSurfaces();
    const by = detect.identify(el);
    if (by) track(el, by);
    else setAside(el);
    return undefined;
  }

  /**
   * A switch can render before its words do (a translation loaded late, a skeleton row
   * filled in afterwards), while its dialog fades in, or mounted hidden and shown later
   * (a popup kept out of sight, a Privacy panel behind another settings tab). One in a
   * dialog or on a surface that does not qualify yet is looked at every RECHECK_MS for as
   * long as the settings get to render, then parked; anything else is left to the scans
   * and the sentinel, which look at it again when it renders anew or the URL changes.
   */
  function setAside(el) {
    if (!onSurfaceUrl() && !el.closest(detect.DIALOG)) return;
    unpark(el);
    unsure.set(el, RECHECKS);
    if (!recheckTimer) recheckTimer = every(RECHECK_MS, guarded("recheck", recheckUnsure));
  }

  /**
   * A switch whose looks ran out waits, at no cost, for its dialog or panel to change: an
   * observer on that holder (attributes, children and text, all small next to the chat)
   * and on the holder's ancestors (attributes: the portal shown, a class, `hidden`) puts
   * it back among the unsure. A display:none → shown change also restarts its sentinel
   * animation (content.css), which considers it again. Nothing is set aside for good.
   */
  function park(el) {
    const holder = detect.holderOf(el);
    if (!holder) return;
    for (const [gone, watch] of parked) {
      if (!gone.isConnected) {
        watch.observer.disconnect();
        parked.delete(gone);
      }
    }
    let watch = parked.get(holder);
    if (!watch) {
      const observer = new MutationObserver(guarded("parked", () => wake(holder)));
      observer.observe(holder, { attributes: true, childList: true, subtree: true, characterData: true });
      for (let node = holder.parentElement; node; node = node.parentElement) {
        observer.observe(node, { attributes: true });
      }
      watch = { observer, switches: new Set() };
      parked.set(holder, watch);
    }
    watch.switches.add(el);
  }

  function unpark(el) {
    for (const [holder, watch] of parked) {
      if (watch.switches.delete(el) && !watch.switches.size) {
        watch.observer.disconnect();
        parked.delete(holder);
      }
    }
  }

  /** Something changed in or above a holder of parked switches: look at them again. */
  function wake(holder) {
    const watch = parked.get(holder);
    if (!watch) return;
    parked.delete(holder);
    watch.observer.disconnect();
    if (!holder.isConnected) return;
    for (const el of watch.switches) if (el.isConnected) consider(el);
  }
  function recheckUnsure() {
    for (const [el, looksLeft] of unsure) {
      if (!el.isConnected) {
        unsure.delete(el);
        continue;
      }
      const by = detect.identify(el);
      if (by) {
        unsure.delete(el);
        track(el, by);
      } else if (looksLeft > 1) {
        unsure.set(el, looksLeft - 1);
      } else {
        unsure.delete(el);
        park(el);
      }
    }
    if (!unsure.size) recheckTimer = stopTimer(recheckTimer);
  }

  /** @param {Element} el @param {"wording" | "signal"} by how identify() knew it */
  function track(el, by) {
    // A page that replaces its switch element: the old one's callout goes with it now,
    // not at the next poll, so two never stand together.
    let forgot = false;
    for (const other of [...tracked.keys()]) {
      if (!other.isConnected) {
        forget(other);
        forgot = true;
      }
    }
    const entry = {
      by,
      state: null,
      locked: false,
      since: 0,
      shown: null,
      surface: null, // set by surfaceFor(), once the mark is on
      callout: null,
      warning: null,
      turnOffUntil: 0,
      drawQueued: false,
      redraw: false,
      observer: null,
    };
    tracked.set(el, entry);
    clearNotFound();
    // identify() found it perceivable a moment ago in this task; asking again at once
    // would repeat the same style and layout queries (unless a removal above moved things).
    // The mark goes on first; what only this script needs follows in the same task, so
    // nothing can change in between (bench/: first popup).
    refresh(el, !forgot);
    if (tracked.get(el) !== entry) return;
    surfaceFor(entry, el);
    if (PENDING.has(entry.surface)) choose(entry.surface, { type: "shown" });
    entry.observer = new MutationObserver(guarded("refresh", () => refresh(el)));
    entry.observer.observe(el, { attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
    startPolling();
  }

  /** The surface a tracked switch reports, found once (see track). */
  function surfaceFor(entry, el) {
    entry.surface ??= detect.reportedSurface(detect.surfaceOf(el));
    return entry.surface;
  }

  /**
   * What "Turn it off" does for this switch, or null to offer no such button. A switch
   * known only by the signal (the one row naming Anthropic, in a language whose words we
   * do not know) is an inference: the callout says what it sees, but one click must not
   * change a setting on an inference; if the guess were the location switch, the user
   * would have changed the wrong setting and been told they opted out (hostile round 2,
   * F1). They flip the switch themselves, having read its label.
   */
  function turnOffFor(el, entry) {
    return entry.by === "signal" ? null : () => turnOff(el);
  }

  function turnOff(el) {
    const entry = tracked.get(el);
    if (!entry || detect.stateOf(el) !== "on" || performance.now() < entry.turnOffUntil) return;
    // Sends one click to the page's own switch on the user's behalf, where a person would
    // click: the visible track of a visually hidden input (its <label> passes the click on
    // to the input). A switch that waits for the server before it moves must not get a
    // second click that turns it back on, so the input is clicked itself only when the
    // first click never reached it.
    entry.turnOffUntil = performance.now() + TURN_OFF_SETTLE_MS;
    const control = detect.controlOf(el) ?? el;
    let reached = control === el;
    const onClick = () => {
      reached = true;
    };
    el.addEventListener("click", onClick, true);
    control.click();
    el.removeEventListener("click", onClick, true);
    if (!reached) el.click();
    refresh(el);
    el.focus({ preventScroll: true });
  }

  /**
   * Bring one switch's mark, callout and warning in line with what the page shows:
   * reported first, then drawn, so a failure in the UI cannot silence the report. Marks
   * and UI that a re-render removed are put back even when the state did not change.
   * `perceived`: the caller has just checked that a person can see it.
   */
  function refresh(el, perceived = false) {
    const entry = tracked.get(el);
    if (!entry) return;
    if (!el.isConnected || (!perceived && !detect.controlOf(el))) {
      forget(el);
      // Hidden, not gone: looked at again when it shows (a popup hidden a while).
      if (el.isConnected) setAside(el);
      return;
    }
    const state = detect.stateOf(el);
    const locked = detect.isLocked(el);
    if (state !== entry.state || locked !== entry.locked) {
      // A framework may reuse the element for another row (a tab change): a switch that
      // changed is asked again whether it still is the training switch.
      if (entry.state !== null) {
        const by = detect.identify(el);
        if (!by) {
          forget(el);
          setAside(el); // reused for another row; it may come back
          return;
        }
        if (by !== entry.by) {
          // Known another way now: the callout is drawn again with what that allows.
          entry.by = by;
          hide(entry);
        }
      }
      if (state !== entry.state) entry.turnOffUntil = 0;
      entry.state = state;
      entry.locked = locked;
      entry.since = performance.now();
    }
    if (el.getAttribute(MARK) !== state) el.setAttribute(MARK, state);
    if (state === "unknown") {
      // The page leaves the state open or contradicts itself: no on/off, no callout; the
      // "please check it yourself" notice is what is true.
      if (entry.shown !== "unknown") {
        hide(entry);
        entry.shown = "unknown";
        if (!noticeDismissed) showNotFound();
      }
      return;
    }
    if (!lockSettled(entry, performance.now(), LOCKED_SETTLE_MS).sayable) {
      hide(entry); // not yet known to be locked rather than loading: claim nothing
      return;
    }
    const shown = `${state}/${locked}`;
    const changed = shown !== entry.shown;
    if (changed) {
      if (entry.shown === "unknown") clearNotFound();
      entry.shown = shown;
      if (!PENDING.has(surfaceFor(entry, el))) report(state, entry);
    }
    queueDraw(el, entry, changed);
  }

  /**
   * Draw in a microtask: the mark is set in the task that found or changed the switch,
   * and whoever watches it (the page's observers, bench/) sees it before the callout's
   * first-time work (shadow root, styles, theme lookup) runs; the callout is still in
   * the page before the next frame. Several refreshes in one task draw once.
   */
  function queueDraw(el, entry, changed) {
    entry.redraw ||= changed;
    if (entry.drawQueued) return;
    entry.drawQueued = true;
    queueMicrotask(() => {
      entry.drawQueued = false;
      // Forgotten or hidden since (a locked switch still settling, a state the page
      // does not settle): nothing to draw.
      if (tracked.get(el) !== entry || entry.shown === null || entry.shown === "unknown") return;
      const redraw = entry.redraw;
      entry.redraw = false;
      draw(el, entry, redraw);
    });
  }

  function hide(entry) {
    entry.callout?.remove();
    entry.callout = null;
    entry.warning?.remove();
    entry.warning = null;
    entry.shown = null;
  }

  const draw = guarded("ui", (el, entry, changed) => {
    const redrawn = updateCallout(el, entry, changed);
    if (updateAcceptWarning(el, entry) || redrawn) keepInView(el, entry);
  });

  /** On the popup and the onboarding step, the callout leaves Accept / Continue in view. */
  function keepInView(el, entry) {
    if (!PENDING.has(entry.surface) || !entry.callout) return;
    entry.callout.keepInView(detect.confirmButtonFor(el, entry.surface), entry.warning);
  }

  /** True when the callout was drawn anew. */
  function updateCallout(el, entry, changed) {
    if (!warns(entry.surface)) {
      entry.callout?.remove();
      entry.callout = null;
      return false;
    }
    if (!entry.callout?.host.isConnected) {
      entry.callout?.remove();
      entry.callout = ui.callout(detect.anchorOf(el), turnOffFor(el, entry));
      changed = true;
    }
    if (changed) entry.callout.update(entry.state, entry.locked, entry.surface);
    return changed;
  }

  /** True when the warning by "Accept" came or went. */
  function updateAcceptWarning(el, entry) {
    const wanted = entry.surface === "popup" && entry.state === "on" && settings.warnOnPopup;
    if (!wanted) {
      const had = Boolean(entry.warning);
      entry.warning?.remove();
      entry.warning = null;
      return had;
    }
    if (entry.warning?.host.isConnected) return false;
    const button = detect.confirmButtonFor(el, "popup");
    entry.warning = button ? ui.acceptWarning(button, turnOffFor(el, entry)) : null;
    return Boolean(entry.warning);
  }

  /** Stop tracking `el`: it left the page, was hidden or is now another row. */
  function forget(el) {
    const entry = tracked.get(el);
    entry.observer?.disconnect();
    entry.callout?.remove();
    entry.warning?.remove();
    tracked.delete(el);
    if (el.isConnected) el.removeAttribute(MARK);
    if (!tracked.size) stopPolling();
    // Gone, whoever noticed (the poll, a new switch tracked, a re-render): the step's
    // last switch leaving may complete a confirmation.
    if (!stopped && PENDING.has(entry.surface) && !stepShows(entry.surface, false)) {
      choose(entry.surface, { type: "gone" });
    }
  }

  /**
   * Whether the step of `surface` still shows: a switch of it tracked, or one whose words
   * have not rendered yet (a hidden copy nobody can see does not count), or, `deep`, the
   * onboarding step itself.
   */
  function stepShows(surface, deep = true) {
    for (const entry of tracked.values()) if (entry.surface === surface) return true;
    if (!deep) return false;
    for (const el of unsure.keys()) {
      if (!el.isConnected || detect.reportedSurface(detect.surfaceOf(el)) !== surface) continue;
      if (detect.controlOf(el)) return true;
    }
    return surface === "onboarding" && Boolean(detect.onboardingStep());
  }

  /** One event for the pending choice of `surface`: its next state, report, wake-up. */
  function choose(surface, event) {
    const now = performance.now();
    const held = choices.get(surface) ?? { state: NO_CHOICE, timer: 0 };
    const { state, effects, wakeAt } = stepChoice(held.state, event, now);
    clearTimeout(held.timer);
    held.state = state;
    held.timer = 0;
    if (wakeAt !== null) {
      const wake = () => choose(surface, { type: "wake", showing: stepShows(surface) });
      held.timer = setTimeout(guarded("settle", wake), Math.max(0, wakeAt - now));
    }
    choices.set(surface, held);
    for (const effect of effects) {
      report(effect.state, { surface, locked: effect.locked }, true);
    }
  }

  function refreshAll() {
    for (const el of [...tracked.keys()]) refresh(el);
  }

  function startPolling() {
    if (!pollTimer) pollTimer = every(POLL_MS, guarded("poll", refreshAll));
  }

  function stopPolling() {
    pollTimer = stopTimer(pollTimer);
  }

  /**
   * A press on the button that saves a pending choice: the switch as it stands at that
   * moment is the choice (the capture phase runs before the page's own handler closes the
   * step); machine.js stepChoice says when it counts. A disabled button does nothing.
   */
  function onConfirm(event) {
    const button = event.target?.closest?.('button,[role="button"]');
    if (!button || !tracked.size || !detect.isEnabled(button)) return;
    for (const [el, entry] of tracked) {
      if (!PENDING.has(entry.surface)) continue;
      const scope = entry.surface === "popup" ? el.closest(detect.DIALOG) : document.body;
      if (!scope?.contains(button)) continue;
      if (!detect.isConfirmButton(button, entry.surface)) {
        // "Not now", a close button, a link away: left without saving.
        if (!el.contains(button) && !button.contains(el)) choose(entry.surface, { type: "leave" });
        continue;
      }
      const state = detect.stateOf(el);
      if (state === "unknown") continue; // nothing known to save
      choose(entry.surface, { type: "confirm", choice: { state, locked: detect.isLocked(el) } });
    }
  }

  /**
   * Every switch on a surface page; elsewhere, those in dialogs and panels.
   * @param {Document | Element} [root]
   */
  function scan(root = document) {
    if (root === document) {
      const selector = surfaceShows() ? detect.SWITCH : WATCHED;
      for (const el of document.querySelectorAll(selector)) consider(el);
      return;
    }
    // A subtree (a portal just added): whether the Privacy screen shows is a query over
    // the whole document, asked only for a switch outside the watched places; a popup's
    // switch is in a dialog and is looked at without it (bench/: first popup).
    let shows = null;
    const pick = (el) => {
      if (el.matches(WATCHED) || (shows ??= surfaceShows())) consider(el);
    };
    if (/** @type {Element} */ (root).matches(detect.SWITCH)) pick(root);
    for (const el of root.querySelectorAll(detect.SWITCH)) pick(el);
    const field = root.querySelector(FIELDS);
    if (field) considerFeedback(field);
  }

  // --- The thumbs-feedback dialog: what submitting it sends ------------------------------
  /** Feedback dialog -> its warning (null while the option is off). */
  const feedbackWarnings = new Map();
  let feedbackTimer = 0;
  // What Privacy Guard last saw of the setting (storage `last`), for the warning's words.
  let lastState = null;

  /**
   * A text box rendered in a dialog (the sentinel, a new portal, the sweep): if that
   * dialog is claude.ai's feedback form, warn inside it while it stays, and keep the
   * warning there through re-renders. Nothing is recorded: rating a reply does not
   * change the setting, and nothing of the chat is read.
   */
  function considerFeedback(field) {
    const dialog = field.closest(detect.DIALOG);
    if (!dialog || feedbackWarnings.has(dialog) || !detect.feedbackForm(dialog)) return;
    feedbackWarnings.set(dialog, null);
    keepFeedbackWarnings();
    if (!feedbackTimer) feedbackTimer = every(POLL_MS, guarded("feedback", keepFeedbackWarnings));
  }

  /** Each feedback dialog's warning as it should be: drawn, redrawn, or gone with it. */
  function keepFeedbackWarnings() {
    for (const [dialog, warning] of feedbackWarnings) {
      const form = dialog.isConnected ? detect.feedbackForm(dialog) : null;
      const wanted = form && settings.warnOnFeedback;
      if (warning && (!wanted || !warning.host.isConnected || warning.state !== stateWord())) {
        warning.remove();
        feedbackWarnings.set(dialog, null);
      }
      if (!form) feedbackWarnings.delete(dialog);
      else if (wanted && !feedbackWarnings.get(dialog)) {
        feedbackWarnings.set(dialog, ui.feedbackWarning(form, lastState));
      }
    }
    if (!feedbackWarnings.size) feedbackTimer = stopTimer(feedbackTimer);
  }

  const stateWord = () => (lastState === "on" || lastState === "off" ? lastState : "unknown");

  // --- Surfaces that must hold the switch: fail loud when it is not there ------------
  /** True when every tracked switch is one whose state the page leaves open. */
  const unreadable = () => [...tracked.values()].every((entry) => entry.state === "unknown");

  function clearNotFound() {
    notice?.remove();
    notice = null;
  }

  /** The surface showing now that must hold a training switch, or null. */
  const requiredSurface = () => detect.privacyScreen() ?? detect.onboardingStep();

  function showNotFound() {
    report("unknown", null);
    if (notice?.host.isConnected) return;
    notice?.remove();
    const container = detect.visibleDialog() ?? document.body;
    notice = ui.notFound(
      container,
      data.detection.settingsUrls[0],
      () => {
        noticeDismissed = true;
        clearNotFound();
      },
      describe.describePage,
    );
  }

  /**
   * While the Privacy settings or the onboarding step show, scan them; once the time is
   * up with no switch, say so. The watch goes on while the surface shows, scanning again
   * whenever no switch is tracked, so a switch that comes back after another dialog
   * closed is found again.
   */
  function watchSurfaces() {
    if (surfaceScan) return;
    let deadline = performance.now() + data.detection.notFoundAfterMs;
    let warned = false;
    const tick = guarded("surface scan", () => {
      if (!surfaceShows()) {
        surfaceScan = stopTimer(surfaceScan);
        clearNotFound();
        noticeDismissed = false;
        return;
      }
      // While the switch is tracked there is nothing to look for: no whole-document scan
      // four times a second over a long chat behind the overlay.
      if (!tracked.size) scan();
      if (tracked.size) {
        if (!unreadable()) clearNotFound();
        deadline = performance.now() + data.detection.notFoundAfterMs;
        warned = false;
        return;
      }
      if (warned || performance.now() < deadline || !requiredSurface()) return;
      warned = true;
      if (!noticeDismissed) showNotFound();
    });
    surfaceScan = every(SURFACE_SCAN_MS, tick);
    tick();
  }

  function checkUrl() {
    if (!alive()) return teardown();
    if (location.href === lastUrl) return undefined;
    lastUrl = location.href;
    clearNotFound();
    if (surfaceScan) surfaceScan = stopTimer(surfaceScan);
    watchSurfaces();
    return undefined;
  }

  /**
   * True while the sentinel animation reaches switches in dialogs. A page can switch all
   * animations off (a layered `animation: none !important`, a reduced-motion reset);
   * a hidden probe shows it in one style lookup, with no layout.
   */
  function sentinelWorks() {
    const probe = document.createElement("div");
    probe.setAttribute("role", "dialog");
    probe.style.setProperty("display", "none", "important");
    const sw = probe.appendChild(document.createElement("span"));
    sw.setAttribute("role", "switch");
    document.documentElement.append(probe);
    const works = getComputedStyle(sw).animationName.split(",").includes(SENTINEL);
    probe.remove();
    return works;
  }

  let sentinelOk = true;
  let probedAt = -Infinity;
  // A reduced-motion preference that changes is the likeliest reason to look again.
  listen(matchMedia("(prefers-reduced-motion: reduce)"), "change", () => {
    probedAt = -Infinity;
  });

  /**
   * The fallback sweep, once a second but only while the sentinel cannot announce
   * switches: dialogs and panels first, the switches inside them second (a list of
   * descendant selectors matched against every element, or any whole-page pass each
   * second, costs 20-30% of a streaming chat's script time, measured in bench/). It
   * also finds a dialog mounted inside an existing portal, which the <body> observer
   * does not see.
   */
  function sweep() {
    // Whether the extension is still there is checkUrl's question, asked at least as often.
    if (performance.now() - probedAt >= PROBE_MS) {
      probedAt = performance.now();
      sentinelOk = sentinelWorks();
    }
    if (sentinelOk) return;
    for (const container of document.querySelectorAll(CONTAINERS)) {
      for (const el of container.querySelectorAll(detect.SWITCH)) {
        if (!tracked.has(el)) consider(el);
      }
    }
    for (const field of document.querySelectorAll(FIELDS)) considerFeedback(field);
    if (!surfaceScan && detect.privacyScreen()) watchSurfaces();
  }

  // --- Update or removal of the extension ----------------------------------------------
  /**
   * The extension was updated, disabled or removed: this copy of the script can no longer
   * report or read its strings. It removes everything it added and stops; where it had
   * shown something, a neutral note says to reload the tab, claiming no state.
   */
  function teardown() {
    if (stopped) return;
    stopped = true;
    const hadUi = tracked.size > 0 || Boolean(notice) || feedbackWarnings.size > 0;
    for (const id of timers) clearInterval(id);
    timers.clear();
    for (const held of choices.values()) clearTimeout(held.timer);
    choices.clear();
    for (const [target, type, fn, options] of listeners) {
      target.removeEventListener(type, fn, options);
    }
    portals.disconnect();
    themeWatch.disconnect();
    try {
      api.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The extension is gone; its messages cannot arrive any more.
    }
    for (const el of [...tracked.keys()]) forget(el);
    unsure.clear();
    for (const watch of parked.values()) watch.observer.disconnect();
    parked.clear();
    for (const warning of feedbackWarnings.values()) warning?.remove();
    feedbackWarnings.clear();
    clearNotFound();
    try {
      if (hadUi) ui.updatedNote(document.body);
    } catch {
      // Nothing more can be done from a script whose extension is gone.
    }
  }

  // --- Wiring --------------------------------------------------------------------------
  listen(
    document,
    "animationstart",
    guarded("sentinel", (event) => {
      if (event.animationName !== SENTINEL) return;
      if (event.target.matches(detect.SWITCH)) consider(event.target);
      else considerFeedback(event.target);
    }),
    true,
  );
  // A user's flip: re-read right after the page's own handlers ran, and again after
  // it re-rendered, so the mark follows within a frame.
  const onInput = guarded("input", () => {
    if (!tracked.size) return;
    queueMicrotask(guarded("refresh", refreshAll));
    requestAnimationFrame(guarded("refresh", refreshAll));
  });
  for (const type of ["click", "change", "input", "keyup"]) listen(document, type, onInput, true);
  listen(document, "click", guarded("confirm", onConfirm), true);
  // Escape closes the popup without saving (Radix and Base UI dialogs): any Accept pressed
  // before it, whose save left the popup open, saved nothing.
  listen(
    document,
    "keydown",
    guarded("escape", (event) => {
      if (event.key !== "Escape") return;
      for (const surface of PENDING) choose(surface, { type: "leave" });
    }),
    true,
  );
  const onUrl = guarded("navigation", checkUrl);
  listen(window, "hashchange", onUrl);
  listen(window, "popstate", onUrl);
  // history.pushState from the page's world fires neither event. The Navigation API
  // reports it at once where the browser has it (Chrome 102+); a cheap string
  // comparison catches it everywhere else.
  // https://developer.mozilla.org/docs/Web/API/Navigation/currententrychange_event
  const onSweep = guarded("sweep", sweep);
  if (typeof navigation === "object" && navigation && navigation.addEventListener) {
    listen(navigation, "currententrychange", onUrl);
    // The poll is then a fallback and the check that the extension is still there: it
    // shares the sweep's tick. Every wake-up of this script costs the page script time
    // whether or not it finds anything (bench/: three a second were ~3% of a streaming
    // chat's script time).
    every(SWEEP_MS, () => {
      onUrl();
      onSweep();
    });
  } else {
    every(URL_POLL_MS, onUrl);
    every(SWEEP_MS, onSweep);
  }
  listen(
    document,
    "visibilitychange",
    guarded("visibility", () => {
      if (document.visibilityState === "visible") scan();
    }),
  );
  // A page restored from the back/forward cache keeps this script but the browser
  // forgot the tab's badge: say hello again so the background restores it.
  listen(window, "pageshow", (event) => {
    if (event.persisted) send({ type: "privacy-guard/hello" });
  });

  const applySettings = guarded("settings", (next) => {
    settings = next;
    keepFeedbackWarnings();
    for (const [el, entry] of tracked) {
      // Nothing is drawn for a switch still settling or whose state the page leaves open.
      if (entry.shown === null || entry.shown === "unknown") continue;
      updateCallout(el, entry, true);
      updateAcceptWarning(el, entry);
      keepInView(el, entry);
    }
  });
  // A phone turned, a window resized: the callout fits the popup again.
  listen(
    window,
    "resize",
    guarded("resize", () => {
      for (const [el, entry] of tracked) keepInView(el, entry);
      for (const warning of feedbackWarnings.values()) warning?.fit();
    }),
  );
  store.settings().then(applySettings, () => {});
  const readLast = () =>
    store.read("last").then(
      guarded("last", ({ last }) => {
        lastState = last?.state ?? null;
        keepFeedbackWarnings();
      }),
      () => {},
    );
  readLast();
  const onStorage = guarded("storage", (changes, area) => {
    if (area === "local" && changes.settings) store.settings().then(applySettings, () => {});
    if (area === "local" && changes.last) readLast();
  });
  api.storage.onChanged.addListener(onStorage);

  // The toolbar popup's "Copy a report" asks this tab to describe its page (redacted,
  // see describe.js); only the extension's own pages can send this.
  const onMessage = guarded("describe", (message, sender, sendResponse) => {
    if (message?.type !== "privacy-guard/describe-page" || sender?.id !== api.runtime.id) {
      return undefined;
    }
    sendResponse({ report: describe.describePage() });
    return undefined;
  });
  api.runtime.onMessage.addListener(onMessage);

  // Dialogs are portals appended to <body> (Radix, Base UI): seeing them here, in the
  // same task, marks the switch before the next frame; the animation takes one or two.
  const portals = new MutationObserver(
    guarded("portals", (records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          scan(node);
          // An overlay opened with no URL change, its Privacy screen without a switch we
          // know (site drift): watched all the same, so the notice can follow.
          if (!surfaceScan && detect.holdsPrivacyPanel(node)) watchSurfaces();
        }
      }
    }),
  );
  // claude.ai sets its theme (data-mode, class) on <html> after load: the UI follows.
  const themeWatch = new MutationObserver(guarded("theme", () => ui.applyTheme()));

  const start = guarded("start", () => {
    // A copy of this script from before an update may have left its UI and marks.
    ui.removeLeftovers();
    for (const el of document.querySelectorAll(`[${MARK}]`)) el.removeAttribute(MARK);
    send({ type: "privacy-guard/hello" }); // the background badges this tab
    portals.observe(document.body, { childList: true });
    themeWatch.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-mode", "data-theme", "class", "style"],
    });
    scan();
    watchSurfaces();
    // The first popup must not pay for first use (see detect.warmUp, the strings the
    // callout shows): do it while the page is idle.
    idle(
      guarded("warm up", () => {
        detect.warmUp();
        ui.warmUp();
      }),
    );
  });
  if (document.readyState === "loading") {
    listen(document, "DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
}
