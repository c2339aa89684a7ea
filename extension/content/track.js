// Tracking: one record per training switch found, kept in line with what the page shows.
// Its state is read, the mark set (in the task that found or changed it), what the site
// saved reported (report.js: on the Privacy settings a flip counts at once; on the consent
// popup and the onboarding step the switch is a pending choice, machine.js stepChoice), and
// then the callout and the Accept warning drawn (callout.js).
import data from "../generated/content-data.js";
import * as ui from "./callout.js";
import * as detect from "./detect.js";
import { every, guarded, later, listen, onStop, stopTimer } from "./life.js";
import { NO_CHOICE, REREAD_MS, lockSettled, stepChoice, unknownSettled } from "./machine.js";
import { lookAgain } from "./notice.js";
import { report } from "./report.js";
import { lastRecord, onLastState, onSettings, settings } from "./settings.js";

export const MARK = "data-privacy-guard";
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
 * switch element -> { by, state, locked, since (when state/locked last changed), seen (when
 * last seen in the page), shown (the state last reported and drawn), surface, callout,
 * warning, turnOffUntil, drawQueued and redraw (see queueDraw), observer }
 */
const tracked = new Map();
// surface ("popup" / "onboarding") -> its pending choice, the timer that wakes it, and
// `since`: when the step began showing (ms since the epoch), until doubt() ran for it.
const choices = new Map();
let pollTimer = 0;
// Given by the wiring (main.js, from find.js): a switch hidden or reused for another row
// is set aside to be looked at again; switches whose words have not rendered yet.
let setAside = (/** @type {Element} */ el) => void el;
let unsureSwitches = () => /** @type {Iterable<Element>} */ ([]);

const warns = (surface) =>
  surface === "settings" ? settings().warnOnSettings : settings().warnOnPopup;

export const isTracked = (el) => tracked.has(el);
export const trackedCount = () => tracked.size;

/**
 * What tracking has found, for the notice: a readable switch, only unreadable ones, none.
 * Unreadable is what refresh() has said, `shown` "unknown": a state the page contradicted
 * for less than UNKNOWN_SETTLE_MS is not, whoever asks (machine.js unknownSettled).
 */
export function found() {
  if (!tracked.size) return "none";
  for (const entry of tracked.values()) if (entry.shown !== "unknown") return "readable";
  return "unreadable";
}

/**
 * @param {Element} el @param {"wording" | "signal"} by how identify() knew it
 * @param {PrivacyGuardFound} found the words and surface it knew it by (identify()'s
 *   `found`, from this task: asking again would repeat its queries)
 */
export function track(el, by, found) {
  // A page that replaces its switch element: the old one's callout goes with it now,
  // not at the next poll, so two never stand together.
  let forgot = false;
  for (const other of [...tracked.keys()]) {
    if (!other.isConnected) {
      // No look at the page for the notice here: it would find nothing tracked and search
      // the whole document, while the look at the end of track() sees this switch (bench/:
      // a popup inserted again cost 5 ms, not 1).
      forget(other, false, false);
      forgot = true;
    }
  }
  const entry = {
    by,
    words: found.words,
    state: null,
    locked: false,
    since: 0,
    shown: null,
    // Where it was found is where it reports, for as long as it is tracked.
    surface: detect.reportedSurface(found.surface),
    callout: null,
    warning: null,
    turnOffUntil: 0,
    drawQueued: false,
    redraw: false,
    observer: null,
  };
  tracked.set(el, entry);
  // identify() found it perceivable a moment ago in this task; asking again at once
  // would repeat the same style and layout queries (unless a removal above moved things).
  // The mark goes on first; what only this script needs follows in the same task, so
  // nothing can change in between (bench/: first popup).
  refresh(el, !forgot);
  if (tracked.get(el) !== entry) return;
  if (PENDING.has(entry.surface)) choose(entry.surface, { type: "shown" });
  entry.observer = new MutationObserver(guarded("refresh", () => refresh(el)));
  entry.observer.observe(el, { attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  // Read again each REREAD_MS: what a re-render took out is put back (machine.js, repair).
  if (!pollTimer) pollTimer = every(REREAD_MS, guarded("poll", refreshAll));
  lookAgain(); // a notice saying nothing was found goes
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
  // Read again first: a row re-rendered as another setting since the last look must not
  // get the click (hostile review 4, 1); refresh() lets such a switch go.
  refresh(el);
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
export function refresh(el, perceived = false) {
  const entry = tracked.get(el);
  if (!entry) return;
  if (!el.isConnected || (!perceived && !detect.controlOf(el))) {
    forget(el);
    // Hidden, not gone: looked at again when it shows (a popup hidden a while).
    if (el.isConnected) setAside(el);
    return;
  }
  const now = performance.now();
  entry.seen = now;
  const state = detect.stateOf(el);
  const locked = detect.isLocked(el);
  // A framework may reuse the element for another row (a tab change, a list re-keyed by
  // position): a switch whose state or words changed is asked again whether it still is
  // the training switch (hostile review 4, 1: only the row's words had changed).
  const reworded = entry.state !== null && detect.wordsOf(el) !== entry.words;
  if (state !== entry.state || locked !== entry.locked || reworded) {
    if (entry.state !== null) {
      const found = {};
      const by = detect.identify(el, found);
      if (!by) {
        forget(el);
        setAside(el); // reused for another row; it may come back
        return;
      }
      entry.words = found.words ?? entry.words;
      if (by !== entry.by) {
        // Known another way now: the callout is drawn again with what that allows.
        entry.by = by;
        hide(entry);
      }
    }
    if (state !== entry.state || locked !== entry.locked) {
      if (state !== entry.state) entry.turnOffUntil = 0;
      entry.state = state;
      entry.locked = locked;
      entry.since = now;
    }
  }
  if (el.getAttribute(MARK) !== state) el.setAttribute(MARK, state);
  if (state === "unknown") {
    // Only for a moment (a flip mid-render): what is shown stays; the poll reads it again.
    if (!unknownSettled(entry, now)) return;
    // The page leaves the state open or contradicts itself: no on/off, no callout; the
    // "please check it yourself" notice is what is true.
    if (entry.shown !== "unknown") {
      hide(entry);
      entry.shown = "unknown";
      lookAgain();
    }
    return;
  }
  if (!lockSettled(entry, now, LOCKED_SETTLE_MS).sayable) {
    hide(entry); // not yet known to be locked rather than loading: claim nothing
    return;
  }
  const shown = `${state}/${locked}`;
  const changed = shown !== entry.shown;
  if (changed) {
    const wasUnknown = entry.shown === "unknown";
    entry.shown = shown;
    if (!PENDING.has(entry.surface)) report(state, entry);
    if (wasUnknown) lookAgain();
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
  if (changed) {
    // On the popup and the onboarding step the callout names the button that saves, as
    // the page writes it; ours (the browser's language) only when the page shows none.
    const saves = PENDING.has(entry.surface) ? detect.confirmButtonFor(el, entry.surface) : null;
    entry.callout.update(entry.state, entry.locked, entry.surface, detect.buttonLabel(saves));
  }
  return changed;
}

/** True when the warning by "Accept" came or went. */
function updateAcceptWarning(el, entry) {
  const wanted = entry.surface === "popup" && entry.state === "on" && settings().warnOnPopup;
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

/**
 * Stop tracking `el` (it left the page, was hidden or is now another row): its mark, UI
 * and observer go. `stopping`: the script is stopping (nothing is reported or looked
 * at); `look`: the notice looks at the page again after.
 */
function forget(el, stopping = false, look = !stopping) {
  const entry = tracked.get(el);
  entry.observer?.disconnect();
  entry.callout?.remove();
  entry.warning?.remove();
  tracked.delete(el);
  if (el.isConnected) el.removeAttribute(MARK);
  if (!tracked.size) pollTimer = stopTimer(pollTimer);
  // Gone, whoever noticed (the poll, a new switch tracked, a re-render): the step's
  // last switch leaving may complete a confirmation.
  if (!stopping && PENDING.has(entry.surface) && !stepShows(entry.surface, false)) {
    choose(entry.surface, { type: "gone", seen: entry.seen });
  }
  if (look) lookAgain();
}

/**
 * Whether the step of `surface` still shows: a switch of it tracked, or one whose words
 * have not rendered yet (a hidden copy nobody can see does not count), or, `deep`, the
 * onboarding step itself.
 */
function stepShows(surface, deep = true) {
  for (const entry of tracked.values()) if (entry.surface === surface) return true;
  if (!deep) return false;
  for (const el of unsureSwitches()) {
    if (!el.isConnected || detect.reportedSurface(detect.surfaceOf(el)) !== surface) continue;
    if (detect.controlOf(el)) return true;
  }
  return surface === "onboarding" && Boolean(detect.onboardingStep());
}

/** One event for the pending choice of `surface`: its next state, report, wake-up. */
function choose(surface, event) {
  const now = performance.now();
  const held = choices.get(surface) ?? { state: NO_CHOICE, timer: 0, since: 0 };
  const { state, effects, wakeAt } = stepChoice(held.state, event, now);
  const open = (s) => s.phase === "showing" || s.phase === "confirming";
  if (open(state) !== open(held.state)) held.since = open(state) ? Date.now() : 0;
  held.state = state;
  held.timer = stopTimer(held.timer);
  if (wakeAt !== null) {
    const wake = () => choose(surface, { type: "wake", showing: stepShows(surface) });
    held.timer = later(Math.max(0, wakeAt - now), guarded("settle", wake));
  }
  choices.set(surface, held);
  for (const effect of effects) report(effect.state, { surface, locked: effect.locked }, true);
  doubt(surface);
}

/**
 * The step shows while the last record is a choice made on it before it showed (on this
 * page or an earlier one): the site asks again, so that choice was not saved or cannot be
 * read back (facts §1). It is claimed no more: "unknown", once per showing. Also run when
 * the stored record arrives (read at load, or written after the step showed again).
 */
function doubt(surface) {
  const held = choices.get(surface);
  const last = lastRecord();
  if (!held?.since || last?.surface !== surface || last.state === "unknown") return;
  if (!(Date.parse(last.time) < held.since)) return;
  held.since = 0;
  report("unknown", { surface });
}

/** Read every tracked switch again (a user's flip, the poll, a tab shown again). */
export function refreshAll() {
  for (const el of [...tracked.keys()]) refresh(el);
}

/**
 * A press on the button that saves a pending choice: the switch as it stands at that
 * moment is the choice (the capture phase runs before the page's own handler closes the
 * step); machine.js stepChoice says when it counts. A disabled button does nothing. Any
 * other button or link of the step ("Not now", ×, a link away) leaves it without saving,
 * even after an Accept whose save failed and left it open (review rounds 4 and 5).
 */
function onConfirm(event) {
  const button = event.target?.closest?.('button,[role="button"],a[href]');
  if (!button || !tracked.size) return;
  for (const [el, entry] of tracked) {
    if (!PENDING.has(entry.surface)) continue;
    const scope = entry.surface === "popup" ? el.closest(detect.DIALOG) : document.body;
    if (!scope?.contains(button) || el.contains(button) || button.contains(el)) continue;
    if (button.matches("a[href]") || !detect.isConfirmButton(button, entry.surface)) {
      choose(entry.surface, { type: "leave" });
    } else if (detect.isEnabled(button)) {
      const state = detect.stateOf(el);
      if (state === "unknown") continue; // nothing known to save
      choose(entry.surface, { type: "confirm", choice: { state, locked: detect.isLocked(el) } });
    }
  }
}

/**
 * A pointer-down outside the popup's dialog (Radix closes the popup on it): left without
 * saving. The capture phase runs before the page closes it.
 */
function onPressOutside(event) {
  for (const [el, entry] of tracked) {
    if (entry.surface !== "popup") continue;
    const dialog = el.closest(detect.DIALOG);
    if (dialog && event.target instanceof Node && !dialog.contains(event.target)) {
      choose("popup", { type: "leave" });
    }
  }
}

/**
 * The page went to another address while a popup choice waited for the popup to close:
 * the popup was left (a redirect, a log-out), not saved. Not for the onboarding step,
 * which moves on to a new address when Continue saved it.
 */
export const leftPopupPage = () => choose("popup", { type: "leave" });

/** Redraw for new options: warnings turned off or on. */
function applySettings() {
  for (const [el, entry] of tracked) {
    // Nothing is drawn for a switch still settling or whose state the page leaves open.
    if (entry.shown === null || entry.shown === "unknown") continue;
    updateCallout(el, entry, true);
    updateAcceptWarning(el, entry);
    keepInView(el, entry);
  }
}

/**
 * Start tracking's listeners. `aside(el)`: look at a switch again later (find.js);
 * `unsure()`: the switches whose words have not rendered yet.
 */
export function startTracking(aside, unsure) {
  setAside = aside;
  unsureSwitches = unsure;
  // A user's flip: re-read right after the page's own handlers ran, and again after
  // it re-rendered, so the mark follows within a frame.
  const onInput = guarded("input", () => {
    if (!tracked.size) return;
    queueMicrotask(guarded("refresh", refreshAll));
    requestAnimationFrame(guarded("refresh", refreshAll));
  });
  for (const type of ["click", "change", "input", "keyup"]) listen(document, type, onInput, true);
  listen(document, "click", guarded("confirm", onConfirm), true);
  listen(document, "pointerdown", guarded("outside", onPressOutside), true);
  // Escape closes the popup without saving (Radix and Base UI dialogs): any Accept pressed
  // before it, whose save left the popup open, saved nothing.
  listen(
    document,
    "keydown",
    guarded("escape", (event) => {
      if (event.key === "Escape") for (const surface of PENDING) choose(surface, { type: "leave" });
    }),
    true,
  );
  // A phone turned, a window resized: the callout fits the popup again.
  listen(
    window,
    "resize",
    guarded("resize", () => {
      for (const [el, entry] of tracked) keepInView(el, entry);
    }),
  );
  onSettings(guarded("settings", applySettings));
  onLastState(guarded("doubt", () => PENDING.forEach(doubt)));
  onStop(() => {
    choices.clear(); // their timers are life.js's, undone by stop()
    for (const el of [...tracked.keys()]) forget(el, true);
  });
}

/** Remove marks a copy of this script from before an update may have left. */
export function removeOldMarks() {
  for (const el of document.querySelectorAll(`[${MARK}]`)) el.removeAttribute(MARK);
}
