// Where the fast tier reads from, without the harness's set-up: importing harness.mjs
// bundles the content script and loads jsdom (~1 s), which a test of a pure module or of
// the built background does not need.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = process.env.PG_UNIT_DIST ?? join(ROOT, "dist");
