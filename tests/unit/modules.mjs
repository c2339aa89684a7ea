// Imports an extension module from source together with what it imports: bundled by the
// build's esbuild as one ES module, then loaded from a data: URL. (A module without
// imports can be loaded from its source directly, as machine.test.mjs does.)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// Not harness.mjs's ROOT: importing the harness bundles the content script from a build.
const EXTENSION = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "extension");

/** The exports of extension/`path` (e.g. "background/receipts.js"). */
export async function importModule(path) {
  const result = await build({
    entryPoints: [join(EXTENSION, path)],
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  return import(`data:text/javascript,${encodeURIComponent(result.outputFiles[0].text)}`);
}
