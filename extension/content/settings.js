// The user's options (options page), as the content script reads them: the defaults until
// storage answers, so a warning is never late; every change is passed on to whoever listens.
import * as store from "../shared/store.js";
import { api, guarded, onStop } from "./life.js";

let current = { ...store.DEFAULT_SETTINGS };
const listeners = [];
let last = null;
const lastListeners = [];

/** The options as last read. */
export const settings = () => current;
/** The training state last stored ("on", "off", "unknown") or null when never seen. */
export const lastState = () => last?.state ?? null;
/** The last stored record (background/receipts.js observationOf), or null. */
export const lastRecord = () => last;

/** `fn(settings)` after every change of the options. */
export const onSettings = (fn) => listeners.push(fn);
/** `fn()` after every change of the stored state. */
export const onLastState = (fn) => lastListeners.push(fn);

const apply = guarded("settings", (next) => {
  current = next;
  for (const fn of listeners) fn(current);
});

const readSettings = () => store.settings().then(apply, () => {});
const readLast = () =>
  store.read("last").then(
    guarded("last", ({ last: stored }) => {
      last = stored ?? null;
      for (const fn of lastListeners) fn();
    }),
    () => {},
  );

/** Read both now and again whenever storage changes them. */
export function watchSettings() {
  readSettings();
  readLast();
  const onStorage = guarded("storage", (changes, area) => {
    if (area === "local" && changes.settings) readSettings();
    if (area === "local" && changes.last) readLast();
  });
  api.storage.onChanged.addListener(onStorage);
  onStop(() => api.storage.onChanged.removeListener(onStorage));
}
