// Bundles the extension's ES modules with esbuild, in one Node process: reads
// {"root": folder, "bundles": [{"entry", "out", "format", "globalName"?, "footer"?}]} on
// stdin and writes {"files": {out: code}, "inputs": {out: [module, ...]}} on stdout, or
// {"errors": {entry: "file:line:column: message"}} when a module does not resolve or parse.
//
// The content script's modules become one ES module (content/core.js), which the injected
// loader (content/content.js) imports, and the report describer another (builder/bundle.py
// says why); the background and the shared scripts become IIFEs. terser minifies the
// content scripts afterwards (minify.mjs). Paths in the output are relative to `root`,
// and esbuild's output depends only on its input and version (package-lock.json pins
// it): same input, same bytes.

async function load() {
  try {
    return await import("esbuild");
  } catch (err) {
    process.stdout.write(JSON.stringify({ setup: String(err.message).split("\n")[0] }));
    process.exit(0);
  }
}

const esbuild = await load();

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { root, bundles } = JSON.parse(input);

const files = {};
const inputs = {};
const errors = {};
for (const { entry, out, format, globalName, footer } of bundles) {
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      format,
      globalName: globalName ?? undefined,
      // Every browser the manifest allows (Chrome 120, Firefox 140) runs ES2022 as written.
      target: "es2022",
      platform: "browser",
      charset: "utf8",
      legalComments: "none",
      // esbuild otherwise reads the nearest tsconfig.json above the build folder, so the
      // bytes depended on where --out is (the repository's strict tsconfig added "use
      // strict" to dist/ but not to a build in /tmp). Fixed here: the modules' own strict
      // mode, kept by the classic script they become.
      tsconfigRaw: { compilerOptions: { alwaysStrict: true } },
      footer: footer ? { js: footer } : undefined,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    files[out] = result.outputFiles[0].text;
    inputs[out] = Object.keys(result.metafile.inputs).sort();
  } catch (err) {
    const first = err.errors?.[0];
    const where = first?.location
      ? `${first.location.file}:${first.location.line}:${first.location.column}: `
      : "";
    errors[entry] = `${where}${first?.text ?? String(err.message).split("\n")[0]}`;
  }
}
process.stdout.write(JSON.stringify(Object.keys(errors).length ? { errors } : { files, inputs }));
