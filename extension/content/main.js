// Entry point. Watches claude.ai cheaply: a CSS animation (content.css) announces every
// switch rendered inside a dialog or the Privacy settings, and a childList-only observer
// on <body> sees dialog portals in the task that adds them, so no observer runs over the
// busy chat DOM. While the Privacy settings are open, a short poll scans them; a switch
// there or in a dialog whose label has not rendered yet is re-checked for 3 s. State is
// re-read on user input and by a light poll only while a training switch is on the page
// (native checkboxes change `.checked` without any DOM mutation).
(() => {
  if (globalThis.__privacyGuardStarted) return; // guard against double injection
  globalThis.__privacyGuardStarted = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const data = globalThis.PRIVACY_GUARD_DATA;
  const { detect, ui, store } = globalThis.PrivacyGuard;

  const SENTINEL = "privacy-guard-sentinel"; // keyframes name in content.css
  const WATCHED = data.detection.watchedSwitches.join(",");
  const POLL_MS = 400;
  const SETTINGS_SCAN_MS = 250;
  const URL_POLL_MS = 500;
  const MARK = "data-privacy-guard";
  const WATCHED_ATTRIBUTES = ["aria-checked", "data-state", "checked", "disabled", "aria-disabled"];

  /** switch element -> { state, locked, surface, callout, warning, observer } */
  const tracked = new Map();
  let pollTimer = 0;
  let notice = null;
  let noticeDismissed = false;
  let settingsScan = 0;
  // Elements already found not to be the training switch; scans skip them.
  const rejected = new WeakSet();
  // Switches that may still turn out to be it (see setAside) -> looks left.
  const unsure = new Map();
  const RECHECK_MS = 500;
  const RECHECKS = 6;
  let recheckTimer = 0;
  let lastUrl = location.href;
  // The user's options; shown until storage answers, so a warning is never late.
  let settings = { ...store.DEFAULT_SETTINGS };

  const warns = (surface) => (surface === "popup" ? settings.warnOnPopup : settings.warnOnSettings);

  function send(message) {
    try {
      // Fire and forget: the background may be starting up; a lost report is retried
      // by the next observation, and nothing here may throw into the page.
      api.runtime.sendMessage(message)?.catch?.(() => {});
    } catch {
      // The extension was updated or removed while this page stayed open.
    }
  }

  function report(entry, state) {
    send({
      type: "privacy-guard/observed",
      state,
      surface: entry?.surface ?? "settings",
      locked: entry?.locked ?? false,
      path: location.pathname + location.hash,
      policyVersion: data.policyVersion,
    });
  }

  function consider(el) {
    if (tracked.has(el)) return refresh(el);
    if (rejected.has(el) || unsure.has(el) || !el.isConnected) return;
    if (detect.isTrainingSwitch(el)) track(el);
    else setAside(el);
  }

  /**
   * A switch can render before its words do (a translation loaded late, a skeleton row
   * filled in afterwards). One in a dialog or on the Privacy settings that does not
   * qualify yet is looked at again for a few seconds; anything else is set aside at once.
   */
  function setAside(el) {
    if (!detect.isSettingsUrl() && !el.closest(detect.DIALOG)) {
      rejected.add(el);
      return;
    }
    unsure.set(el, RECHECKS);
    if (!recheckTimer) recheckTimer = setInterval(recheckUnsure, RECHECK_MS);
  }

  function recheckUnsure() {
    for (const [el, looksLeft] of unsure) {
      if (!el.isConnected) {
        unsure.delete(el);
      } else if (detect.isTrainingSwitch(el)) {
        unsure.delete(el);
        track(el);
      } else if (looksLeft > 1) {
        unsure.set(el, looksLeft - 1);
      } else {
        unsure.delete(el);
        rejected.add(el);
      }
    }
    if (!unsure.size) {
      clearInterval(recheckTimer);
      recheckTimer = 0;
    }
  }

  function track(el) {
    const entry = {
      state: null,
      locked: false,
      surface: detect.surfaceOf(el),
      callout: null,
      warning: null,
      observer: new MutationObserver(() => refresh(el)),
    };
    entry.observer.observe(el, { attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
    tracked.set(el, entry);
    clearNotFound();
    refresh(el);
    startPolling();
  }

  function turnOff(el) {
    if (detect.stateOf(el) !== "on") return;
    // The user asked for it: click the page's own switch, so the site records the
    // change exactly as if they had clicked it themselves.
    el.click();
    refresh(el);
    el.focus({ preventScroll: true });
  }

  function refresh(el) {
    const entry = tracked.get(el);
    if (!entry) return;
    if (!el.isConnected) return forget(el);
    const state = detect.stateOf(el);
    const locked = detect.isLocked(el);
    if (state === entry.state && locked === entry.locked) return;
    entry.state = state;
    entry.locked = locked;
    if (el.getAttribute(MARK) !== state) el.setAttribute(MARK, state);
    updateCallout(el, entry);
    updateAcceptWarning(el, entry);
    report(entry, state);
  }

  function updateCallout(el, entry) {
    if (!warns(entry.surface)) {
      entry.callout?.remove();
      entry.callout = null;
      return;
    }
    if (!entry.callout?.host.isConnected) {
      entry.callout = ui.callout(detect.anchorOf(el), () => turnOff(el));
    }
    entry.callout.update(entry.state, entry.locked);
  }

  function updateAcceptWarning(el, entry) {
    const wanted = entry.surface === "popup" && entry.state === "on" && settings.warnOnPopup;
    if (!wanted) {
      entry.warning?.remove();
      entry.warning = null;
      return;
    }
    if (entry.warning?.host.isConnected) return;
    const button = detect.acceptButtonFor(el);
    entry.warning = button ? ui.acceptWarning(button) : null;
  }

  function forget(el) {
    const entry = tracked.get(el);
    entry.observer.disconnect();
    entry.callout?.remove();
    entry.warning?.remove();
    tracked.delete(el);
    if (el.isConnected) el.removeAttribute(MARK);
    if (!tracked.size) stopPolling();
  }

  function refreshAll() {
    for (const el of [...tracked.keys()]) refresh(el);
  }

  function startPolling() {
    if (!pollTimer) pollTimer = setInterval(refreshAll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = 0;
  }

  /** Every switch on a Privacy settings page; elsewhere, those in dialogs and panels. */
  function scan(root = document) {
    const selector = detect.isSettingsUrl() ? detect.SWITCH : WATCHED;
    if (root !== document && root.matches(selector)) consider(root);
    for (const el of root.querySelectorAll(selector)) consider(el);
  }

  // --- Privacy settings: fail loud when the switch is not where it should be ---------
  function clearNotFound() {
    clearInterval(settingsScan);
    settingsScan = 0;
    notice?.remove();
    notice = null;
  }

  function showNotFound() {
    const dialogs = document.querySelectorAll(detect.DIALOG);
    const container = dialogs[dialogs.length - 1] ?? document.body;
    notice = ui.notFound(container, data.detection.settingsUrls[0], () => {
      noticeDismissed = true;
      clearNotFound();
    });
    report(null, "unknown");
  }

  /** On the Privacy settings, scan until the switch shows up or the time is up. */
  function onRouteChange() {
    if (!detect.isSettingsUrl()) {
      clearNotFound();
      noticeDismissed = false;
      return;
    }
    scan();
    if (tracked.size || settingsScan || notice) return;
    const deadline = performance.now() + data.detection.notFoundAfterMs;
    settingsScan = setInterval(() => {
      if (!detect.isSettingsUrl()) return clearNotFound();
      scan();
      if (tracked.size) return clearNotFound();
      if (performance.now() < deadline) return;
      clearInterval(settingsScan);
      settingsScan = 0;
      if (!noticeDismissed) showNotFound();
    }, SETTINGS_SCAN_MS);
  }

  function checkUrl() {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    onRouteChange();
  }

  // --- Wiring --------------------------------------------------------------------------
  document.addEventListener(
    "animationstart",
    (event) => {
      if (event.animationName === SENTINEL) consider(event.target);
    },
    true,
  );
  // A user's flip: re-read right after the page's own handlers ran, and again after
  // it re-rendered, so the mark follows within a frame.
  const onInput = () => {
    if (!tracked.size) return;
    queueMicrotask(refreshAll);
    requestAnimationFrame(refreshAll);
  };
  for (const type of ["click", "change", "input", "keyup"]) {
    document.addEventListener(type, onInput, true);
  }
  window.addEventListener("hashchange", checkUrl);
  window.addEventListener("popstate", checkUrl);
  // history.pushState from the page's world fires neither event. The Navigation API
  // reports it at once where the browser has it (Chrome 102+); a cheap string
  // comparison catches it everywhere else.
  // https://developer.mozilla.org/docs/Web/API/Navigation/currententrychange_event
  if (typeof navigation === "object" && navigation && navigation.addEventListener) {
    navigation.addEventListener("currententrychange", checkUrl);
  }
  setInterval(checkUrl, URL_POLL_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") scan();
  });

  function applySettings(next) {
    settings = next;
    for (const [el, entry] of tracked) {
      updateCallout(el, entry);
      updateAcceptWarning(el, entry);
    }
  }
  store.settings().then(applySettings, () => {});
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes.settings) store.settings().then(applySettings, () => {});
  });

  // Dialogs are portals appended to <body> (Radix): seeing them here, in the same task,
  // marks the switch before the next frame; the animation would take one or two.
  const portals = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === 1) scan(node);
    }
  });

  const start = () => {
    send({ type: "privacy-guard/hello" }); // the background badges this tab
    portals.observe(document.body, { childList: true });
    scan();
    onRouteChange();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
