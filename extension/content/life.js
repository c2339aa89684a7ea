// The content script's life: its timers, listeners and observers, every one registered
// here so that stop() undoes them all, and guarded(), which keeps an error of ours out of
// the page. The extension can be updated, disabled or removed under an open page; this
// copy of the script then stops (see stop) and another one may start.

export const api = globalThis.browser ?? globalThis.chrome;

let stopped = false;
const timers = new Set();
/** Run by stop(), last registered first (as parts were started). */
const cleanups = [];
const logged = new Set();
let stopping = () => {};

/** False once the extension was updated, disabled or removed under this page. */
export function alive() {
  try {
    return Boolean(api?.runtime?.id);
  } catch {
    return false;
  }
}

/**
 * `fn` wrapped so that it does nothing once stopped and logs (once per `kind`) instead
 * of throwing into the page; an error because the extension is gone stops this copy.
 * `kind` names the part in the log: it is a string, kept as written by the minifier.
 */
export function guarded(kind, fn) {
  return (...args) => {
    if (stopped) return undefined;
    try {
      return fn(...args);
    } catch (err) {
      if (!alive()) return stop();
      if (!logged.has(kind)) {
        logged.add(kind);
        console.warn(`Privacy Guard: ${kind} failed`, err);
      }
      return undefined;
    }
  };
}

/** setInterval, undone by stop(). Returns its id for stopTimer(). */
export function every(ms, fn) {
  const id = setInterval(fn, ms);
  timers.add(id);
  return id;
}

/** setTimeout, undone by stop(). Returns its id for stopTimer(). */
export function later(ms, fn) {
  const id = setTimeout(() => {
    timers.delete(id);
    fn();
  }, ms);
  timers.add(id);
  return id;
}

/** Stops an every() or later(); returns 0, the "no timer" id, to assign back. */
export function stopTimer(id) {
  clearInterval(id); // clears a timeout too: one pool of ids (HTML timers)
  timers.delete(id);
  return 0;
}

/** addEventListener, undone by stop(). */
export function listen(target, type, fn, options) {
  target.addEventListener(type, fn, options);
  onStop(() => target.removeEventListener(type, fn, options));
}

/** Register what stop() must undo (an observer, a part's state and UI). */
export function onStop(fn) {
  cleanups.push(fn);
}

/** `fn` runs first when stopping, before anything is undone (to see what was shown). */
export function whenStopping(fn) {
  stopping = fn;
}

/**
 * Stop this copy of the script for good: timers, listeners and observers undone, every
 * part's UI and marks removed. Safe to call more than once.
 */
export function stop() {
  if (stopped) return;
  stopped = true;
  stopping();
  for (const id of timers) clearInterval(id);
  timers.clear();
  while (cleanups.length) {
    try {
      cleanups.pop()();
    } catch {
      // The extension is gone; what it cannot undo any more, the page keeps harmlessly.
    }
  }
}
