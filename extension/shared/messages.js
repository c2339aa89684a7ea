// The runtime messages between the extension's parts, each name declared once. Every
// message is an object {type: NAME, ...fields}; the receiver checks the sender (the
// background: this extension, from a claude.ai tab or from one of its own pages) before
// it trusts any field, and validates the fields it keeps (background/receipts.js).
// An ES module: the content script and the background import it; the build also turns
// it into a classic script that sets PrivacyGuard.messages for the pages.

// --- content script → background (runtime.sendMessage, no answer) ------------------------

/** A switch's state was seen: {state: "on"|"off"|"unknown", surface: "popup"|"settings"|
 * "onboarding", locked: boolean, confirmed: boolean (popup/onboarding: after Accept or
 * Continue), path: location.pathname + location.hash}. */
export const OBSERVED = "privacy-guard/observed";
/** A claude.ai page (re)started: no fields; the background badges the tab. */
export const HELLO = "privacy-guard/hello";

// --- extension pages → background (runtime.sendMessage, answer {ok, error?}) ------------

/** The history page's "clear": no fields; drops every receipt, keeps `last` and options. */
export const CLEAR_RECEIPTS = "privacy-guard/clear-receipts";
/** The options page's "reset": no fields; removes options, receipts and the last state. */
export const RESET = "privacy-guard/reset";
/** The options page saved: {settings: the options, validated again by the background}. */
export const SAVE_SETTINGS = "privacy-guard/save-settings";
/** The popup opened: no fields; the background looks at the badges' age. */
export const REFRESH_BADGES = "privacy-guard/refresh-badges";

// --- popup → content script (tabs.sendMessage, answer {report}) -------------------------

/** The popup's "Copy a report": no fields; the answer's `report` is the page described,
 * redacted (content/describe.js). */
export const DESCRIBE_PAGE = "privacy-guard/describe-page";
