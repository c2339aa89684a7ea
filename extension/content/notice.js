// The "couldn't find it, please check yourself" notice (machine.js stepNotice has the
// rules): while the Privacy screen or the onboarding step shows, it is scanned every
// SCAN_MS for the switch, and a surface that must hold one but shows none readable in
// time gets the notice, and "unknown" is reported. Silence would read as "nothing to
// worry about" (the product's rule: when it cannot tell, it says so).
import data from "../generated/content-data.js";
import * as ui from "./callout.js";
import * as detect from "./detect.js";
import { every, guarded, listen, onStop, stopTimer } from "./life.js";
import { NO_NOTICE, stepNotice } from "./machine.js";
import { report } from "./report.js";

const SCAN_MS = 250;

/** @type {import("./machine.js").NoticeState} */
let state = NO_NOTICE;
let notice = null;
/** What the notice that shows says (callout.js notFound). */
let saying = /** @type {"not_found" | "not_readable"} */ ("not_found");
let timer = 0;
// Given by the wiring (main.js): what tracking found, and a scan of the page for switches.
let found = () => /** @type {"readable" | "unreadable" | "none"} */ ("none");
let scanPage = () => {};
// "Copy a report": a promise of the redacted description (describe.js, loaded on demand).
let describePage = () => Promise.resolve("");

/** On a page whose URL is the Privacy settings or the onboarding step. */
export const onSurfaceUrl = () => detect.isSettingsUrl() || detect.isOnboardingUrl();
/** That, the Privacy screen showing in an overlay opened with no URL change, or the
 *  consent popup. */
export const surfaceShows = () =>
  onSurfaceUrl() || Boolean(detect.privacyScreen() ?? detect.consentPopup());
/** The surface showing now that must hold a training switch, or null. */
const requiredSurface = () =>
  detect.privacyScreen() ?? detect.onboardingStep() ?? detect.consentPopup();

/**
 * "Couldn't find it" only when no switch was found: one found whose state the page does
 * not settle was found (review round 6, 3).
 * @param {"readable" | "unreadable" | "none"} what found()'s answer
 */
const sayingFor = (what) => (what === "unreadable" ? "not_readable" : "not_found");

/** @param {"readable" | "unreadable" | "none"} what found()'s answer */
function draw(what) {
  notice?.remove();
  const container = detect.visibleDialog() ?? document.body;
  saying = sayingFor(what);
  notice = ui.notFound(
    container,
    saying,
    data.detection.settingsUrls[0],
    guarded("notice", () => step({ type: "dismiss" })),
    describePage,
  );
}

function clear() {
  notice?.remove();
  notice = null;
}

function step(event) {
  const what = event.type === "look" ? event.found : found();
  const next = stepNotice(state, event, performance.now(), data.detection.notFoundAfterMs);
  state = next.state;
  for (const effect of next.effects) {
    if (effect.type === "show") {
      // "Unknown" is a fact about the saved setting only where the setting is shown as
      // saved: the Privacy settings. On the consent popup or the onboarding step nothing is
      // saved until Accept / Continue, so nothing is recorded (review round 5, F2).
      if (detect.isSettingsUrl() || detect.privacyScreen()) report("unknown", null);
      draw(what);
    } else {
      clear();
    }
  }
  // Still missing, but a re-render of the page took the notice with it, or what a look
  // found now calls for the other words (a switch found, or lost): drawn again; else
  // moved, if the page's controls moved under it.
  if (state.phase === "missing" && (!notice?.host.isConnected || sayingFor(what) !== saying)) {
    draw(what);
  } else {
    notice?.fit(true);
  }
}

/**
 * Look now: after tracking found, lost or re-read a switch. A readable switch while
 * nothing is missing changes nothing, so the page is not queried then (bench/: the first
 * popup).
 */
export const lookAgain = guarded("notice", () => {
  const what = found();
  if (what === "readable" && (state.phase === "absent" || state.phase === "found")) return;
  const shows = what !== "none" || surfaceShows();
  // A deadline to wait for, or a notice to keep: the watch ticks while that lasts, and
  // its first tick, at once, is this look (not a second one over the same page).
  if (shows && what !== "readable" && !timer) {
    watchSurfaces();
    return;
  }
  step({ type: "look", shows, required: Boolean(shows && requiredSurface()), found: what });
});

/**
 * While the Privacy settings or the onboarding step show, scan them; the watch goes on
 * while the surface shows, scanning again whenever no switch is tracked, so a switch
 * that comes back after another dialog closed is found again.
 */
export function watchSurfaces() {
  if (timer) return;
  const tick = guarded("surface scan", () => {
    let what = found();
    if (nothingToWatch(what)) {
      timer = stopTimer(timer);
      return;
    }
    const shows = surfaceShows();
    if (!shows) timer = stopTimer(timer);
    // While the switch is tracked there is nothing to look for: no whole-document scan
    // four times a second over a long chat behind the overlay.
    else if (what === "none") {
      scanPage();
      what = found();
    }
    const required = shows && Boolean(requiredSurface());
    step({ type: "look", shows: shows || what !== "none", required, found: what });
  });
  timer = every(SCAN_MS, tick);
  tick();
}

/**
 * A readable switch off the surface pages (the popup, an overlay) with nothing missing:
 * the watch has nothing to look for, so it stops (or is not started); lookAgain starts
 * it again when tracking changes (bench/: document-wide queries every 250 ms while the
 * popup shows cost its first mark 10x).
 * @param {"readable" | "unreadable" | "none"} what found()'s answer
 */
const nothingToWatch = (what) => what === "readable" && !onSurfaceUrl() && state.phase !== "missing";

/**
 * Whether a surface that shows should start the watch: it is not running, and it would
 * have something to look for (asking the page whether a surface shows costs more than
 * this, bench/: the first popup).
 */
export const watchWanted = () => !timer && !nothingToWatch(found());

/** A new URL: the notice goes and the wait starts anew (unless it was dismissed). */
export function restartNotice() {
  step({ type: "restart" });
  timer = stopTimer(timer);
  watchSurfaces();
}

export const noticeShown = () => Boolean(notice);

/**
 * `what()`: what tracking has found; `scan()`: look for switches in the page;
 * `describe()`: a promise of the page's redacted description, for "Copy a report".
 */
export function startNotice(what, scan, describe) {
  found = what;
  scanPage = scan;
  describePage = describe;
  listen(window, "resize", guarded("notice", () => notice?.fit()));
  onStop(clear);
}
