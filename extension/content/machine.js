// Every timing rule of the content script, pure: state machines whose step(state, event,
// now) returns the next state, the effects to carry out and (stepChoice) the time to be
// woken up at, or null; and the decisions of how often the page is looked at (re-looks,
// sweep and probe, URL poll, repair), each with the period its caller's timer keeps. No
// DOM, timers or extension API here: track.js, notice.js and find.js turn what they read
// from the page into events, carry out the effects and keep the timers, and
// tests/unit/machine.test.mjs drives every rule with a fake clock. Times are milliseconds
// on one monotonic clock (performance.now() in the page).

/**
 * The pending choice of one step, the consent popup or the onboarding step (facts §1,
 * §2): what the site saved is the position of the switch when Accept / Continue was
 * pressed, and only if the step then closed and stayed closed.
 *
 *   absent ──shown──▶ showing ──confirm──▶ confirming ──gone (in time)──▶ closed
 *     ▲                 ▲  ▲                 │ leave           │ wake, after settle time
 *     │                 │  └─────────────────┘                 ├─ still showing ─▶ showing
 *     └── gone ─────────┴──── shown (it came back) ◀───────────┘   (nothing saved)
 *                                                              └─ closed ─▶ absent + report
 *
 * A confirming step still seen after CONFIRM_CLOSE_MS saved nothing (a failed save leaves
 * it open). "gone" is one event whoever notices it: the switch removed, hidden, or reused
 * for another row; `seen` is when the step was last seen showing, for it may be noticed
 * gone only later (a re-read every 400 ms, a page busy as it closes: review round 6, F8).
 */
// After Accept / Continue the step must close within this time for the choice to count.
export const CONFIRM_CLOSE_MS = 5000;
// ...and stay closed this long: an app whose save failed may close the popup and mount
// it again a moment later, switch reset (like the background's receipt settle).
export const CHOICE_SETTLE_MS = 3000;

/** @typedef {{ state: "on" | "off", locked: boolean }} Choice */
/**
 * @typedef {{ phase: "absent" } | { phase: "showing" }
 *   | { phase: "confirming", choice: Choice, until: number }
 *   | { phase: "closed", choice: Choice, countAt: number }} ChoiceState
 */
/**
 * @typedef {{ type: "shown" } | { type: "leave" } | { type: "gone", seen?: number }
 *   | { type: "confirm", choice: Choice } | { type: "wake", showing: boolean }} ChoiceEvent
 */
/** @typedef {{ type: "report", state: "on" | "off", locked: boolean }} ChoiceEffect */

// Where the pending choice and the notice start, and end (one object: two would cost bytes
// of the content script's budget).
/** @type {{ phase: "absent" }} */
const ABSENT = Object.freeze({ phase: "absent" });
export { ABSENT as NO_CHOICE, ABSENT as NO_NOTICE };

/**
 * @param {ChoiceState} state
 * @param {ChoiceEvent} event
 * @param {number} now
 * @returns {{ state: ChoiceState, effects: ChoiceEffect[], wakeAt: number | null }}
 */
export function stepChoice(state, event, now) {
  const stay = (next = state) => ({
    state: next,
    effects: [],
    wakeAt: next.phase === "closed" ? next.countAt : null,
  });
  switch (event.type) {
    case "shown":
      // Back within the settle time: the save did not hold.
      return state.phase === "absent" || state.phase === "closed"
        ? stay({ phase: "showing" })
        : stay();
    case "confirm":
      if (state.phase === "closed") return stay();
      return stay({ phase: "confirming", choice: event.choice, until: now + CONFIRM_CLOSE_MS });
    case "leave":
      // "Not now", a close button: left without saving, even after an Accept whose save
      // failed and left the step open (hostile round 4, F2).
      return state.phase === "confirming" ? stay({ phase: "showing" }) : stay();
    case "gone":
      if (state.phase === "confirming" && (event.seen ?? now) <= state.until) {
        return stay({ phase: "closed", choice: state.choice, countAt: now + CHOICE_SETTLE_MS });
      }
      return state.phase === "closed" ? stay() : stay(ABSENT);
    case "wake":
      if (state.phase !== "closed" || now < state.countAt) return stay();
      if (event.showing) return stay({ phase: "showing" });
      return {
        state: ABSENT,
        effects: [{ type: "report", state: state.choice.state, locked: state.choice.locked }],
        wakeAt: null,
      };
    default:
      return stay();
  }
}

/**
 * The "couldn't find it, please check yourself" notice:
 *
 *   absent ──look, it shows──▶ looking (deadline) ──deadline passed, none found──▶ missing
 *     ▲                          ▲  │ a readable switch      an unreadable one ──▶ missing
 *     │                          │  ▼                                   │ dismiss
 *     └─ look, it is gone ───────┴ found ◀── a readable switch     dismissed
 *
 * A look says whether a surface that may hold the switch shows (the Privacy screen, the
 * onboarding step, or a tracked switch's own step), whether it must hold one (not another
 * screen of the settings), and what was found: a readable switch, one whose state the page
 * leaves open or contradicts ("unreadable": on/off cannot be said, so "please check it
 * yourself" is what is true, at once), or none. The notice shows in "missing" only;
 * "dismissed" lasts until the surface goes away; a new URL starts the wait anew.
 */

/**
 * @typedef {{ phase: "absent" } | { phase: "looking", deadline: number } | { phase: "found" }
 *   | { phase: "missing" } | { phase: "dismissed" }} NoticeState
 * @typedef {{ type: "look", shows: boolean, required: boolean,
 *   found: "readable" | "unreadable" | "none" } | { type: "dismiss" } | { type: "restart" }}
 *   NoticeEvent
 * @typedef {{ type: "show" } | { type: "clear" }} NoticeEffect
 */

/**
 * `waitMs`: how long a surface gets to render its switch (detection.yaml
 * not_found_after_ms).
 * @param {NoticeState} state
 * @param {NoticeEvent} event
 * @param {number} now
 * @param {number} waitMs
 * @returns {{ state: NoticeState, effects: NoticeEffect[] }}
 */
export function stepNotice(state, event, now, waitMs) {
  const clear = state.phase === "missing" ? [{ type: "clear" }] : [];
  // No wake-up: the surface is looked at every 250 ms while it shows (notice.js).
  const to = (next, effects = []) => ({ state: next, effects });
  if (event.type === "dismiss") return to(state.phase === "absent" ? state : { phase: "dismissed" }, clear);
  if (event.type === "restart") return state.phase === "dismissed" ? to(state) : to(ABSENT, clear);
  if (!event.shows) return to(ABSENT, clear);
  if (state.phase === "dismissed") return to(state);
  if (event.found === "readable") return to({ phase: "found" }, clear);
  if (event.found === "unreadable") {
    return state.phase === "missing" ? to(state) : to({ phase: "missing" }, [{ type: "show" }]);
  }
  if (state.phase === "absent" || state.phase === "found") {
    // Nothing yet, or lost again (another dialog closed over it, a tab change): the wait
    // starts anew.
    return to({ phase: "looking", deadline: now + waitMs });
  }
  if (state.phase === "looking" && now >= state.deadline && event.required) {
    return to({ phase: "missing" }, [{ type: "show" }]);
  }
  return to(state);
}

/**
 * Whether a switch's state can be said yet. A disabled switch is also how a page shows a
 * setting still loading (off, greyed, for seconds on a slow connection): "off and locked"
 * is said only once it held `waitMs` (as long as the settings get to render,
 * detection.yaml not_found_after_ms). Until then nothing is claimed.
 * @param {{ locked: boolean, since: number }} reading when the state or lock last changed
 * @param {number} now
 * @param {number} waitMs
 * @returns {{ sayable: boolean, wakeAt: number | null }}
 */
export function lockSettled(reading, now, waitMs) {
  if (!reading.locked || now - reading.since >= waitMs) return { sayable: true, wakeAt: null };
  return { sayable: false, wakeAt: reading.since + waitMs };
}

// A state the page contradicts for a moment is not "unknown": a visually hidden input
// moves before the page writes its aria-checked (the label's click toggles it, the page's
// change handler writes it after), so for that moment the two disagree (review round 5).
export const UNKNOWN_SETTLE_MS = 300;

/**
 * Whether "unknown" may be said of a switch whose state reads unknown since `since`:
 * only once it held UNKNOWN_SETTLE_MS. Until then what is shown stays.
 * @param {{ since: number }} reading when the state last changed
 * @param {number} now
 */
export const unknownSettled = (reading, now) => now - reading.since >= UNKNOWN_SETTLE_MS;

// How often the page is looked at: the re-looks at a switch set aside, the fallback sweep
// and its sentinel probe, the URL poll (find.js), and the re-read that repairs what a
// re-render took out (track.js). The timers are theirs; these rules say when and what.

// A switch whose words have not rendered, or that nobody can see yet, is looked at again
// this often (one interval for all of them, find.js setAside)...
export const RELOOK_MS = 500;

/**
 * ...for as long as the settings get to render (`waitMs`, detection.yaml
 * not_found_after_ms: ceil(waitMs / RELOOK_MS) looks), then parked: looked at again only
 * when its dialog or panel changes (find.js park). One known at a look is tracked.
 *
 *   set aside ──look, known──▶ tracked
 *     │ ▲ look `looks + 1`, not known, looks left: true, again at the next tick
 *     └─┘
 *     └── the last look, not known: false ──▶ parked
 *
 * @param {number} looks the looks it had since it was set aside, before this one
 * @param {number} waitMs
 */
export const looksAgain = (looks, waitMs) => looks + 1 < Math.ceil(waitMs / RELOOK_MS);

// The fallback sweep's tick, which with the Navigation API is the URL check's too: every
// wake-up of the script costs the page script time whether or not it finds anything
// (bench/: three a second were ~3% of a streaming chat's script time). Without that API
// the URL is polled every URL_POLL_MS (history.pushState from the page fires no event).
export const SWEEP_MS = 1000;
export const URL_POLL_MS = 500;
// How often the sentinel animation is checked to still reach switches (the page can switch
// animations off at any time: claude.ai's "Motion: Reduced" setting). The check makes the
// browser bring the page's styles up to date, which on a streaming chat is not free: 5 s
// cost 2% of its script time (bench/), 30 s is in the noise.
export const PROBE_MS = 30000;

/**
 * What a tick of the fallback sweep does (find.js sweep): "probe" the sentinel once
 * PROBE_MS passed since the last probe (`probedAt`; -Infinity at first and after a change
 * of the reduced-motion preference), else "sweep" the page while the last probe found
 * the sentinel not working, else nothing. After a probe, ask again with its result:
 *
 *   tick ──PROBE_MS since the last probe──▶ probe ──▶ tick at once: sweep unless it works
 *   tick ──otherwise──▶ sweep while the sentinel does not work, else ""
 *
 * @param {number} probedAt
 * @param {boolean} works what the last probe found (true before the first)
 * @param {number} now
 * @returns {"probe" | "sweep" | ""}
 */
export const sweepTick = (probedAt, works, now) =>
  now - probedAt >= PROBE_MS ? "probe" : works ? "" : "sweep";

// The repair: a page that re-renders may take out what Privacy Guard put in it (the mark on
// the switch, the callout, the warning by Accept); each is back within REPAIR_MS
// (tests/test_rerender.py, half a second, 3 morphs in a row). Every tracked switch is read
// again each REREAD_MS (track.js, one interval while any is tracked), and a read puts
// back what is missing whether or not the state changed (track.js refresh: the mark,
// then updateCallout and updateAcceptWarning draw a host that left the page anew). The
// re-read also sees changes no watched attribute shows (a class, a re-render in place).
// The Accept warning is drawn in a microtask after the read (track.js queueDraw), so
// REREAD_MS must stay below REPAIR_MS; tests/unit/machine.test.mjs checks it.
export const REPAIR_MS = 500;
export const REREAD_MS = 400;
