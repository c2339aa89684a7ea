// Entry point of the content script: wiring only (bundled into content/core.js, which the
// manifest's content/content.js imports). Each part owns its state and registers its own
// cleanup with life.js:
//   find.js     where to look (sentinel animation, <body> portals, sweep, URL changes)
//   track.js    one record per training switch: read, mark, report, draw
//   machine.js  every timing rule (pending choice, notice, lock, re-looks, sweep), pure
//   notice.js   "couldn't find it, please check yourself"
//   feedback.js the warning in the thumbs-feedback dialog
//   settings.js the user's options and the stored state, as storage changes them
//   report.js   the only part that talks to the background
//   callout.js  every drawn thing; detect.js what a switch is; describe.js the report
//   life.js     timers, listeners, guarded(), teardown
// What is reported is what the site saved: on the Privacy settings a flip counts at once;
// on the consent popup and the onboarding step the switch is a pending choice that counts
// only when "Accept" / "Continue" is pressed with it in that position (facts §1, §2).
import * as ui from "./callout.js";
import { DESCRIBE_PAGE } from "../shared/messages.js";
import { feedbackWarningsShown, fitFeedbackWarnings, watchFeedback } from "./feedback.js";
import {
  cameWithPage,
  scan,
  scanAtStart,
  setAside,
  startFinding,
  unsureSwitches,
  watchPortals,
} from "./find.js";
import { api, guarded, listen, onStop, whenStopping } from "./life.js";
import { noticeShown, startNotice, watchSurfaces } from "./notice.js";
import { hello } from "./report.js";
import { watchSettings } from "./settings.js";
import { found, removeOldMarks, startTracking, trackedCount } from "./track.js";

// Guard against double injection: one copy of the script per page.
if (!globalThis.__privacyGuardStarted) {
  globalThis.__privacyGuardStarted = true;
  main();
}

/**
 * The redacted description of the page ("Copy a report", describe.js): a module of its
 * own, loaded only when a report is asked for, so that no page load pays for it (bench/:
 * the script time of a page load). A file of this extension's package (manifest).
 * @returns {Promise<string>}
 */
function describePage() {
  // eslint-disable-next-line no-restricted-syntax, no-unsanitized/method -- our own file
  return import(api.runtime.getURL("content/describe.js")).then((m) => m.describePage());
}

function main() {
  // The extension updated, disabled or removed under the page: where this copy had shown
  // something, a neutral note says to reload the tab, claiming no state. Registered
  // first, so it runs after every part removed its own UI (life.js stop).
  let hadUi = false;
  whenStopping(() => {
    hadUi = trackedCount() > 0 || noticeShown() || feedbackWarningsShown() > 0;
  });
  onStop(() => {
    if (hadUi) ui.updatedNote(document.body);
  });

  startTracking(setAside, unsureSwitches);
  startNotice(found, () => scan(), describePage);
  watchFeedback();
  watchSettings();
  startFinding();
  listen(window, "resize", guarded("resize", fitFeedbackWarnings));
  // A page restored from the back/forward cache keeps this script but the browser
  // forgot the tab's badge: say hello again so the background restores it.
  listen(window, "pageshow", (event) => {
    if (event.persisted) hello();
  });

  // The toolbar popup's "Copy a report" asks this tab to describe its page (redacted,
  // see describe.js); only the extension's own pages can send this.
  const onMessage = guarded("describe", (message, sender, sendResponse) => {
    if (message?.type !== DESCRIBE_PAGE || sender?.id !== api.runtime.id) {
      return undefined;
    }
    describePage().then(
      (report) => sendResponse({ report }),
      () => sendResponse({ report: "" }),
    );
    return true; // the answer comes later
  });
  api.runtime.onMessage.addListener(onMessage);
  onStop(() => api.runtime.onMessage.removeListener(onMessage));

  // claude.ai sets its theme (data-mode, class) on <html> after load: the UI follows.
  const themeWatch = new MutationObserver(guarded("theme", () => ui.applyTheme()));
  onStop(() => themeWatch.disconnect());

  const start = guarded("start", () => {
    // A copy of this script from before an update may have left its UI and marks: only
    // in a page that was already there when this copy came (Firefox injects into open
    // tabs on an update); searching every page load for them cost a long chat ~0.6 ms
    // (bench/: the script time of a page load).
    if (!cameWithPage()) {
      ui.removeLeftovers();
      removeOldMarks();
    }
    hello(); // the background badges this tab
    watchPortals();
    themeWatch.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-mode", "data-theme", "class", "style"],
    });
    // The Privacy settings or the onboarding step: watched for the notice. Elsewhere
    // (a chat) nothing more runs until the sentinel or a portal says a switch rendered.
    if (scanAtStart()) watchSurfaces();
  });
  if (document.readyState === "loading") {
    listen(document, "DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
}
