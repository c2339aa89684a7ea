// The background's private-window rule, fast: a report from a private / incognito tab sets
// that tab's badge and stores nothing, decided from what the browser says of the sender's
// tab, not from the message. The browser tier (tests/test_private_windows.py) drives real
// private windows in Chromium and Firefox; this tier adds what no browser can produce on
// purpose: a sender tab that does not say, and a page claiming to be a normal window.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import vm from "node:vm";
import { DIST } from "./paths.mjs";

// The background's scripts as Firefox's manifest lists them (Chrome's service worker
// imports the same): one, the bundle of background/main.js and what it imports.
const SCRIPTS = ["background/background.js"];
const ORIGIN = "chrome-extension://privacy-guard/";
const SETTINGS_PATH = "/settings/data-privacy-controls";

/** The extension API the background uses, with storage in memory and badges recorded. */
function fakeApi() {
  const data = {};
  const badges = new Map();
  const listeners = {};
  const event = (name) => ({ addListener: (fn) => (listeners[name] = fn) });
  const copy = (value) => JSON.parse(JSON.stringify(value));
  const pick = (keys) => {
    if (keys === null || keys === undefined) return copy(data);
    const wanted = typeof keys === "string" ? [keys] : keys;
    return copy(Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, data[k]])));
  };
  const api = {
    runtime: {
      id: "privacy-guard",
      getManifest: () => ({ version: "0.1.3" }),
      getURL: (path) => ORIGIN + path,
      onMessage: event("message"),
      onInstalled: event("installed"),
    },
    i18n: { getMessage: (key) => key },
    action: {
      setBadgeText: async ({ tabId, text }) => void badges.set(tabId, text),
      setTitle: async () => {},
      setBadgeBackgroundColor: async () => {},
      getTitle: async () => "",
    },
    storage: {
      local: {
        get: async (keys) => pick(keys),
        set: async (items) => void Object.assign(data, copy(items)),
        remove: async (keys) => {
          for (const key of [keys].flat()) delete data[key];
        },
      },
    },
    tabs: { onUpdated: event("updated"), query: async () => [], create: async () => ({}) },
    permissions: {
      contains: async () => true,
      onAdded: event("added"),
      onRemoved: event("removed"),
    },
  };
  return { api, data, badges, listeners };
}

/** The built background running against a fake API; resolves once its start-up is done. */
async function startBackground() {
  const fake = fakeApi();
  // Timers never fire: this tier looks at what a report does at once.
  const timers = { setTimeout: () => 0, clearTimeout() {} };
  const context = vm.createContext({ chrome: fake.api, console, ...timers });
  for (const script of SCRIPTS) {
    const code = readFileSync(join(DIST, "chrome", script), "utf8");
    vm.runInContext(code, context, { filename: script });
  }
  await settle();
  return fake;
}

/** Let the background's one-at-a-time queue run dry. */
async function settle() {
  for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** A content script's report, as claude.ai's Privacy settings with the switch on send it. */
async function report(fake, tab, extra = {}) {
  const message = {
    type: "privacy-guard/observed",
    state: "on",
    surface: "settings",
    path: SETTINGS_PATH,
    ...extra,
  };
  const sender = { id: "privacy-guard", url: `https://claude.ai${SETTINGS_PATH}`, tab };
  fake.listeners.message(message, sender, () => {});
  await settle();
}

test("a report from a private tab sets its badge and stores nothing", async () => {
  const fake = await startBackground();
  const before = structuredClone(fake.data);
  await report(fake, { id: 7, incognito: true });
  assert.equal(fake.badges.get(7), "ON");
  assert.deepEqual(fake.data, before);
});

test("a page cannot make a private tab's report count as a normal window's", async () => {
  const fake = await startBackground();
  const before = structuredClone(fake.data);
  await report(fake, { id: 7, incognito: true }, { incognito: false, private: false });
  assert.deepEqual(fake.data, before);
});

test("a sender tab that does not say whether it is private is treated as private", async () => {
  const fake = await startBackground();
  const before = structuredClone(fake.data);
  await report(fake, { id: 7 });
  assert.equal(fake.badges.get(7), "ON");
  assert.deepEqual(fake.data, before);
});

test("the same report from a normal tab is stored", async () => {
  const fake = await startBackground();
  await report(fake, { id: 8, incognito: false });
  assert.equal(fake.badges.get(8), "ON");
  assert.equal(fake.data.last?.state, "on");
  assert.equal(fake.data.last?.path, SETTINGS_PATH);
  assert.equal(fake.data.tabReceipts?.["8"]?.pending?.state, "on");
});
