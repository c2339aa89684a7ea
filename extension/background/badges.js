// Which toolbar badge says what: its text, colour and tooltip for each state, and which
// state a tab or the toolbar shows. Pure: no browser API; the tooltips' words come from
// the `msg` function the caller passes (background/main.js: _locales' background_*).
import * as store from "../shared/store.js";

/** Every badge the background shows; `title` is the name of its tooltip's message. */
export const BADGES = Object.freeze({
  on: { text: "ON", color: "#b91c1c", title: "title_on" },
  // Off, then on a second line what it does not cover (feedback, chats flagged for safety).
  off: { text: "✓", color: "#15803d", title: "title_off", still: true },
  unknown: { text: "?", color: "#6b7280", title: "title_unknown" },
  policy: { text: "!", color: "#b45309", title: "title_policy" },
  // The last state seen is older than the user's checkAgainDays (see ageing in main.js).
  stale: { text: "?", color: "#b45309", title: "title_stale" },
  // Site access to claude.ai withdrawn: the content script cannot run.
  noaccess: { text: "⊘", color: "#6b7280", title: "title_noaccess" },
});

/** A badge's tooltip: the state, and under "off" what the setting does not cover. */
export function titleOf(badge, msg) {
  const title = msg(badge.title);
  return badge.still ? `${title}\n${msg("title_off_still")}` : title;
}

/** "!" until the user has seen the switch under the current policy version. */
export const policyPending = (seen, policyVersion) => seen !== undefined && seen < policyVersion;

/**
 * The badge of a claude.ai tab from what is stored (store.normalise's last,
 * seenPolicyVersion, settings): "policy", "stale", the last state, or undefined (none).
 */
export function tabBadgeKind(last, seenPolicyVersion, settings, policyVersion, now = Date.now()) {
  if (policyPending(seenPolicyVersion, policyVersion)) return "policy";
  if (!last) return undefined;
  return store.freshness(last.time, settings, now) === "stale" ? "stale" : last.state;
}

/** The toolbar badge of tabs without one of their own: no access, then the "!". */
export function globalBadgeKind(access, seenPolicyVersion, policyVersion) {
  if (!access) return "noaccess";
  return policyPending(seenPolicyVersion, policyVersion) ? "policy" : undefined;
}

/**
 * Whether a tab whose tooltip reads `title` must be re-badged as `kind` now that the last
 * state's age is looked at. The tabs that show a state are the claude.ai tabs this
 * background badged (the browser clears a tab's badge when it loads another site): their
 * tooltip says so, so neither tab URLs nor the "tabs" permission are needed. A tab that
 * shows its own current state is left alone; only the age changes it.
 */
export function rebadgeOnAge(title, kind, msg) {
  const stale = title === titleOf(BADGES.stale, msg);
  const showsState = ["on", "off", "unknown"].some((k) => title === titleOf(BADGES[k], msg));
  if (!stale && !showsState) return false; // not a tab showing a state
  return (kind === "stale") !== stale;
}
