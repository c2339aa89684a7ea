// The fast tier's page: the content script's modules, bundled by the same esbuild as the
// build with the data module the build generated (dist/.privacy-guard-content-data.
// chrome.mjs), evaluated in a jsdom window with a stand-in for the one thing jsdom lacks
// here, layout. See README.md "Tests" for what stays browser-only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import cssEscape from "css.escape";
import { build } from "esbuild";
import { JSDOM, VirtualConsole } from "jsdom";
import YAML from "yaml";
import { DIST, ROOT } from "./paths.mjs";

export { DIST, ROOT };

const CONTENT = join(ROOT, "extension", "content");

/** policy_data/detection.yaml as written (per language), for tables and coverage. */
export const detectionYaml = () =>
  YAML.parse(readFileSync(join(ROOT, "policy_data", "detection.yaml"), "utf8"));

// main.js is the entry point: it starts observers and timers and talks to the
// background through the extension API. The browser tier covers it; the fast tier
// loads the modules it wires and drives them directly, through window.PrivacyGuard
// (here only: the shipped script exposes nothing).
const EXPOSED = `
export * as detect from "./detect.js";
export * as ui from "./callout.js";
export * as text from "./text.js";
export * as store from "../shared/store.js";
export { default as data } from "../generated/content-data.js";
`;

/** The content modules as one script assigning them to PrivacyGuard, with `dist`'s data. */
async function bundle(dist) {
  const dataModule = join(dist, ".privacy-guard-content-data.chrome.mjs");
  const result = await build({
    stdin: { contents: EXPOSED, resolveDir: CONTENT, sourcefile: "fast-tier-entry.js" },
    bundle: true,
    format: "iife",
    globalName: "PrivacyGuard",
    target: "es2022",
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "generated-data",
        setup(b) {
          b.onResolve({ filter: /generated\/content-data\.js$/ }, () => ({ path: dataModule }));
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}
const SCRIPT = await bundle(DIST);

// jsdom has no layout, and its getComputedStyle walks its whole user-agent stylesheet
// for every ancestor (3 s for a 1,000-deep element) and leaves `overflow` unexpanded.
// So style and boxes here are stand-ins driven by inline style attributes only:
// - getComputedStyle: display (none for [hidden]), visibility (inherited), opacity,
//   overflow-x/-y (from the shorthand too), flex-direction, position, clip-path and clip,
//   as the inline style says;
// - getBoundingClientRect: 24x24 at (16, 16) unless the element's own inline style gives
//   width/height/left/top in px; an empty box under display:none;
// - checkVisibility (every browser the manifest allows has it: Chrome 120+, Firefox
//   142+): no box, opacity 0 on it or an ancestor, or visibility not "visible" -> false;
// - elementsFromPoint: the elements whose box holds the point, less those with a
//   clip-path or clip on them or an ancestor (a clip takes a box out of hit testing
//   wherever it cuts; here it is taken to cut all of it, as claude.ai's sr-only does).
// Stylesheets, real sizes, transforms and scrolling are left to the browser tier.
function installLayout(window) {
  const inline = (el, prop) => (el.hasAttribute?.("style") ? el.style.getPropertyValue(prop) : "");
  const inherited = (el, prop, initial) => {
    for (let node = el; node; node = node.parentElement) {
      const value = inline(node, prop);
      if (value && value !== "inherit") return value;
    }
    return initial;
  };
  // Each property is worked out when read, not all of them per call: "rendered" below
  // reads display on every ancestor, and an eager visibility (itself a walk up the tree)
  // made a box 1,000 levels deep cost a million reads (33 s of hostile.test.mjs).
  const overflow = (el, i) => inline(el, "overflow").split(/\s+/)[i];
  const display = (el) => (el.hidden ? "none" : inline(el, "display") || "block");
  const PROPERTIES = {
    display,
    visibility: (el) => inherited(el, "visibility", "visible"),
    opacity: (el) => inline(el, "opacity") || "1",
    overflowX: (el) => inline(el, "overflow-x") || overflow(el, 0) || "visible",
    overflowY: (el) => inline(el, "overflow-y") || overflow(el, 1) || overflow(el, 0) || "visible",
    flexDirection: (el) => inline(el, "flex-direction") || "row",
    position: (el) => inline(el, "position") || "static",
    clipPath: (el) => inline(el, "clip-path") || "none",
    clip: (el) => inline(el, "clip") || "auto",
  };
  const kebab = (p) => p.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  class Style {
    constructor(el) {
      this.el = el;
    }
    getPropertyValue(p) {
      return PROPERTIES[kebab(p)]?.(this.el) ?? "";
    }
  }
  for (const [name, read] of Object.entries(PROPERTIES)) {
    Object.defineProperty(Style.prototype, name, {
      get() {
        return read(this.el);
      },
    });
  }
  const computedStyle = (el) => new Style(el);
  window.getComputedStyle = computedStyle;
  const px = (value, fallback) => (/^-?\d+(\.\d+)?px$/.test(value) ? parseFloat(value) : fallback);
  const rendered = (el) => {
    for (let node = el; node; node = node.parentElement) {
      if (display(node) === "none") return false;
    }
    return true;
  };
  window.Element.prototype.getBoundingClientRect = function layoutStub() {
    if (!rendered(this)) return new window.DOMRect(0, 0, 0, 0);
    const box = (prop, fallback) => px(inline(this, prop), fallback);
    return new window.DOMRect(box("left", 16), box("top", 16), box("width", 24), box("height", 24));
  };
  const clipped = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const style = computedStyle(node);
      if (style.clipPath !== "none" || style.clip !== "auto") return true;
    }
    return false;
  };
  window.document.elementsFromPoint = function elementsFromPointStub(x, y) {
    return [...window.document.querySelectorAll("*")].reverse().filter((el) => {
      const r = el.getBoundingClientRect();
      const inside = r.width > 0 && x >= r.left && x < r.right && y >= r.top && y < r.bottom;
      return inside && !clipped(el);
    });
  };
  window.Element.prototype.checkVisibility = function checkVisibilityStub(options = {}) {
    if (!rendered(this)) return false;
    if (options.checkOpacity) {
      for (let node = this; node; node = node.parentElement) {
        if (Number(computedStyle(node).opacity) === 0) return false;
      }
    }
    return !(options.checkVisibilityCSS && computedStyle(this).visibility !== "visible");
  };
}

/**
 * A claude.ai window with the shipped content scripts loaded. Returns the window,
 * PrivacyGuard (text, detect, ui, store), the generated data, and what the scripts logged.
 */
export function loadExtension({ url = "https://claude.ai/new" } = {}) {
  const logged = [];
  const virtualConsole = new VirtualConsole();
  for (const level of ["warn", "error"]) {
    virtualConsole.on(level, (...args) => logged.push([level, ...args].join(" ")));
  }
  virtualConsole.on("jsdomError", (err) => logged.push(`jsdomError ${err.message}`));
  const dom = new JSDOM("<!doctype html><html lang=en><head></head><body></body></html>", {
    url,
    runScripts: "outside-only",
    virtualConsole,
  });
  const { window } = dom;
  installLayout(window);
  // jsdom has no CSS.escape (detect.js uses it for label[for]); the reference polyfill.
  window.CSS = { escape: cssEscape };
  window.eval(`${SCRIPT}\n//# sourceURL=content-modules.js`);
  const PG = window.PrivacyGuard;
  return { window, PG, data: PG.data, logged };
}

/**
 * Show `html` at `url` in the window (replacing what was there) and return every
 * switch with what identify() says of it: [{ el, by }].
 */
export function show(ext, url, html) {
  const { window } = ext;
  const target = new URL(url);
  if (window.location.href !== target.href) window.history.replaceState(null, "", target.href);
  window.document.body.innerHTML = html; // test input only; the extension never does this
  return scan(ext);
}

export function scan({ window, PG }) {
  return [...window.document.querySelectorAll(PG.detect.SWITCH)].map((el) => ({
    el,
    by: PG.detect.identify(el),
  }));
}

/** The switches identify() takes, as "by:test-id" strings (elements carry data-t ids). */
export const taken = (results) =>
  results.filter((r) => r.by).map((r) => `${r.by}:${r.el.getAttribute("data-t") ?? "?"}`);

export const escapeHtml = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
