// Where to look, cheaply: a CSS animation (content.css) announces every switch rendered
// inside a dialog or the Privacy settings, and a childList-only observer on <body> sees
// dialog portals in the task that adds them, so no observer runs over the busy chat DOM.
// A slow sweep of the same places covers pages that switch animations off. A switch that
// cannot be seen yet, or whose words have not rendered, is looked at again for a while
// and then whenever its dialog or panel changes (see park); how often is machine.js's.
// What is found goes to track.js; text boxes in dialogs to feedback.js.
import data from "../generated/content-data.js";
import * as detect from "./detect.js";
import { considerFeedback } from "./feedback.js";
import { alive, every, guarded, listen, onStop, stop, stopTimer } from "./life.js";
import { RELOOK_MS, SWEEP_MS, URL_POLL_MS, looksAgain, sweepTick } from "./machine.js";
import { onSurfaceUrl, restartNotice, surfaceShows, watchSurfaces, watchWanted } from "./notice.js";
import { isTracked, leftPopupPage, refresh, track } from "./track.js";

const SENTINEL = "privacy-guard-sentinel"; // keyframes name in content.css
const CONTAINERS = data.detection.watchedContainers.join(",");
/** Every selector of `inner` inside every one of `outer`, as one selector list. */
const within = (outer, inner) => outer.flatMap((o) => inner.map((i) => `${o} ${i}`)).join(",");
// The text boxes in dialogs (the feedback dialog holds one and no switch), which content.css
// animates as it does the switches in every watched container.
const FIELDS = within(data.detection.dialogSelectors, data.detection.feedbackFields);

// Switches in chat content, which can never be the training switch; scans skip them.
const rejected = new WeakSet();
// Switches that may still turn out to be it (see setAside) -> looks they had.
const unsure = new Map();
// Dialog or panel -> { observer, switches }: switches whose looks ran out, looked at
// again when something in or above their holder changes (see park).
const parked = new Map();
let recheckTimer = 0;
let lastUrl = location.href;
let sentinelOk = true;
let probedAt = -Infinity;

/** The switches whose words have not rendered yet (see setAside). */
export const unsureSwitches = () => unsure.keys();

/** A switch announced by the sentinel, a scan or a re-look: track it, or look again later. */
function consider(el) {
  if (isTracked(el)) return refresh(el);
  if (rejected.has(el) || unsure.has(el) || !el.isConnected) return undefined;
  if (detect.isChatContent(el)) {
    rejected.add(el);
    return undefined;
  }
  // The Privacy screen can show with no URL change (shortcut, tab buttons): its
  // switches rendering here is the sign to watch it, notice included.
  if (watchWanted() && detect.inPrivacyPanel(el)) watchSurfaces();
  const found = /** @type {PrivacyGuardFound} */ ({}); // filled by identify()
  const by = detect.identify(el, found);
  if (by) track(el, by, found);
  else setAside(el);
  return undefined;
}

/**
 * A switch can render before its words do (a translation loaded late, a skeleton row
 * filled in afterwards), while its dialog fades in, or mounted hidden and shown later
 * (a popup kept out of sight, a Privacy panel behind another settings tab). One in a
 * dialog or on a surface that does not qualify yet is looked at again for as long as
 * the settings get to render, then parked (machine.js looksAgain); anything else is left
 * to the scans and the sentinel, which look at it again when it renders anew or the URL
 * changes.
 */
export function setAside(el) {
  if (!onSurfaceUrl() && !el.closest(detect.DIALOG)) return;
  unpark(el);
  unsure.set(el, 0);
  if (!recheckTimer) recheckTimer = every(RELOOK_MS, guarded("recheck", recheckUnsure));
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
  for (const [el, looks] of unsure) {
    if (!el.isConnected) {
      unsure.delete(el);
      continue;
    }
    const found = /** @type {PrivacyGuardFound} */ ({}); // filled by identify()
    const by = detect.identify(el, found);
    if (!by && looksAgain(looks, data.detection.notFoundAfterMs)) {
      unsure.set(el, looks + 1);
      continue;
    }
    unsure.delete(el);
    if (by) track(el, by, found);
    else park(el);
  }
  if (!unsure.size) recheckTimer = stopTimer(recheckTimer);
}

/**
 * Every switch on a surface page; elsewhere, those in dialogs and panels. For the whole
 * document, returns whether a surface shows (see notice.js surfaceShows).
 * @param {Document | Element} [root]
 * @returns {boolean}
 */
export function scan(root = document) {
  if (root === document) {
    // The switches first, then whether each is in a watched container: one pass of the
    // two switch selectors over the page, not the seven container selectors (a chat has
    // few switches; bench/: the script time of a page load) and not descendant selectors
    // (container × switch) matched against every element of a long chat. Whether the
    // Privacy screen shows is asked of the document only when a switch is in a dialog or
    // panel, where it can show (or on its URL).
    const all = document.querySelectorAll(detect.SWITCH);
    const inContainers = [...all].filter((el) => el.closest(CONTAINERS));
    // A Privacy screen shows in a dialog (the settings overlay) or its panel: holderOf.
    if (onSurfaceUrl() || (inContainers.some(detect.holderOf) && surfaceShows())) {
      for (const el of all) consider(el);
      return true;
    }
    for (const el of inContainers) consider(el);
    return false;
  }
  // A subtree (a portal just added): whether the Privacy screen shows is a query over
  // the whole document, asked only for a switch outside the watched places; a popup's
  // switch is in a dialog and is looked at without it (bench/: first popup).
  let shows = null;
  const pick = (el) => {
    if (el.closest(CONTAINERS) || (shows ??= surfaceShows())) consider(el);
  };
  if (/** @type {Element} */ (root).matches(detect.SWITCH)) pick(root);
  for (const el of root.querySelectorAll(detect.SWITCH)) pick(el);
  const field = root.querySelector(FIELDS);
  if (field) considerFeedback(field);
  return false;
}

function checkUrl() {
  if (!alive()) return stop();
  if (location.href === lastUrl) return undefined;
  lastUrl = location.href;
  leftPopupPage();
  restartNotice();
  return undefined;
}

/**
 * True while the sentinel animation reaches switches in dialogs. A page can switch all
 * animations off (a layered `animation: none !important`, a reduced-motion reset);
 * a hidden probe shows it in one style lookup, with no layout. The probe goes where the
 * dialogs are, in <body>, so a rule for `body *` reaches it too (review round 5, F6).
 */
function sentinelWorks() {
  const probe = document.createElement("div");
  probe.setAttribute("role", "dialog");
  probe.style.setProperty("display", "none", "important");
  const sw = probe.appendChild(document.createElement("span"));
  sw.setAttribute("role", "switch");
  (document.body ?? document.documentElement).append(probe);
  const works = getComputedStyle(sw).animationName.split(",").includes(SENTINEL);
  probe.remove();
  return works;
}

/**
 * The fallback sweep, each tick but only while the sentinel cannot announce switches
 * (machine.js sweepTick): dialogs and panels first, the switches inside them second (a
 * list of descendant selectors matched against every element, or any whole-page pass
 * each second, costs 20-30% of a streaming chat's script time, measured in bench/). It
 * also finds a dialog mounted inside an existing portal, which the <body> observer
 * does not see.
 */
function sweep() {
  // Whether the extension is still there is checkUrl's question, asked at least as often.
  const now = performance.now();
  if (sweepTick(probedAt, sentinelOk, now) === "probe") {
    probedAt = now;
    sentinelOk = sentinelWorks();
  }
  // Asked again after a probe, with what it found: "sweep" or nothing.
  if (!sweepTick(probedAt, sentinelOk, now)) return;
  for (const container of document.querySelectorAll(CONTAINERS)) {
    for (const el of container.querySelectorAll(detect.SWITCH)) {
      if (!isTracked(el)) consider(el);
    }
  }
  for (const field of document.querySelectorAll(FIELDS)) considerFeedback(field);
  if (watchWanted() && detect.privacyScreen()) watchSurfaces();
}

/**
 * True when every switch of this page that rendered in a watched container was announced
 * to this copy: the loader listened for the sentinel from document_start (content.js).
 * Then only a page that switches animations off hides one, which the sweep finds.
 */
let heardFromStart = false;
let cameAtStart = false;

/**
 * True when this copy came in as the page began loading (content.js, document_start), so
 * no copy from before an update can have drawn in this document.
 */
export const cameWithPage = () => cameAtStart;

/** The switch (or dialog text box) the sentinel announced: track it, or look again later. */
function announced(target) {
  if (target.matches(detect.SWITCH)) consider(target);
  else considerFeedback(target);
}

/**
 * The first look at the page, once it has parsed (main.js): the whole document, unless
 * the sentinel has announced every switch that can matter here since the page began
 * loading (see heardFromStart); a surface page is always searched, since there a switch
 * counts wherever it is (see scan). Returns whether a surface shows (see scan).
 * @returns {boolean}
 */
export function scanAtStart() {
  if (heardFromStart && !onSurfaceUrl()) return false;
  return scan();
}

/** Start looking: the sentinel, the portal observer, the URL and the sweep. */
export function startFinding() {
  listen(
    document,
    "animationstart",
    guarded("sentinel", (event) => {
      if (event.animationName === SENTINEL) announced(event.target);
    }),
    true,
  );
  // What the loader heard before this listener existed, taken over once (content.js).
  const early = globalThis.__privacyGuardEarly;
  if (early) {
    globalThis.__privacyGuardEarly = null;
    early.stop();
    cameAtStart = true;
    heardFromStart = !early.overflowed;
    const take = guarded("sentinel", announced);
    for (const target of early.announced) take(target);
  }
  // A reduced-motion preference that changes is the likeliest reason to look again.
  listen(matchMedia("(prefers-reduced-motion: reduce)"), "change", () => {
    probedAt = -Infinity;
  });
  const onUrl = guarded("navigation", checkUrl);
  listen(window, "hashchange", onUrl);
  listen(window, "popstate", onUrl);
  // history.pushState from the page's world fires neither event. The Navigation API
  // reports it at once where the browser has it (Chrome 102+); a cheap string
  // comparison catches it everywhere else.
  // https://developer.mozilla.org/docs/Web/API/Navigation/currententrychange_event
  const onSweep = guarded("sweep", sweep);
  // The first performance.now() and the first getComputedStyle() in this world build
  // their bindings (~0.2 ms each here: bench/trace.py's trace of a page load). The
  // sweep's first tick, a second in, calls both anyway (its clock, its probe); called
  // here they are not paid again by a popup that comes sooner, in the page's own task
  // (bench/: a first popup before the page was ever idle). Neither brings styles up to
  // date: only reading a computed property would.
  performance.now();
  getComputedStyle(document.documentElement);
  if (globalThis.navigation?.addEventListener) {
    listen(navigation, "currententrychange", onUrl);
    // The poll is then a fallback and the check that the extension is still there: it
    // shares the sweep's tick (machine.js SWEEP_MS).
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
  onStop(() => {
    unsure.clear();
    for (const watch of parked.values()) watch.observer.disconnect();
    parked.clear();
  });
}

/** Watch <body> for dialog portals (once it exists: the page's DOMContentLoaded). */
export function watchPortals() {
  // Dialogs are portals appended to <body> (Radix, Base UI): seeing them here, in the
  // same task, marks the switch before the next frame; the animation takes one or two.
  const portals = new MutationObserver(
    guarded("portals", (records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          // One already gone holds nothing to look at: the sweep's own probe, added and
          // removed in one task (sentinelWorks), or a portal the page took back at once.
          if (node.nodeType !== 1 || !node.isConnected) continue;
          scan(node);
          // An overlay opened with no URL change, its Privacy screen without a switch we
          // know (site drift), or the consent popup: watched all the same, so the notice
          // can follow.
          if (watchWanted() && detect.holdsSurface(node)) watchSurfaces();
        }
      }
    }),
  );
  portals.observe(document.body, { childList: true });
  onStop(() => portals.disconnect());
}

