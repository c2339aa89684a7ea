// The only part of the content script that talks to the background: what a page showed,
// and "hello" so the background badges this tab. Fire and forget: nothing here may throw
// into the page, and a background that is gone stops this copy of the script.
import data from "../generated/content-data.js";
import { HELLO, OBSERVED } from "../shared/messages.js";
import { alive, api, stop } from "./life.js";

/** Send `message` to the background; stops this copy if the extension is gone. */
export function send(message) {
  if (!alive()) return stop();
  try {
    // The background may be starting up: a refused promise is not our error.
    api.runtime.sendMessage(message)?.catch?.(() => {});
  } catch {
    stop();
  }
  return undefined;
}

/**
 * Report what the page shows now. `state`: "on", "off" or "unknown"; `where`: the switch's
 * { surface, locked } (settings and unlocked when not given); `confirmed`: a pending
 * choice that counted (machine.js stepChoice).
 */
export function report(state, where, confirmed = false) {
  send({
    type: OBSERVED,
    state,
    surface: where?.surface ?? "settings",
    locked: where?.locked ?? false,
    confirmed,
    path: location.pathname + location.hash,
    policyVersion: data.policyVersion,
  });
}

/** Ask the background to badge this tab (its state as last stored). */
export const hello = () => send({ type: HELLO });

