// Minifies the content scripts of a build with terser, in one Node process: reads
// {"files": {name: code}, "modules": [name, ...]} on stdin (modules: the files that are
// ES modules, whose top-level names terser may shorten too) and writes {"files": {name: minified}} on stdout, or
// {"errors": {name: "line L, column C: message"}} when a file does not parse.
//
// The content script is one bundle (bundle.mjs: its modules in one function), so every
// name in it is shortened, function names included: it is injected into every claude.ai
// page within a 50 KB budget (bench/), and an error the extension logs names the part
// that failed by the name life.js's guarded() is given (a string, kept as written).
// Same input, same terser version: same bytes.

async function load() {
  try {
    return await import("terser");
  } catch (err) {
    process.stdout.write(JSON.stringify({ setup: String(err.message).split("\n")[0] }));
    process.exit(0);
  }
}

const { minify } = await load();

const OPTIONS = {
  module: false,
  toplevel: false,
  keep_fnames: false,
  keep_classnames: true,
  // Every browser the manifest allows runs ES2022 (esbuild's target, bundle.mjs): terser
  // may write it (shorthand properties, arrow functions); two passes find what the first
  // left (~1 KB of the budget). unsafe_arrows writes `function () {}` expressions that
  // do not use `this` as arrows: none of ours is called with `new` or reads `arguments`
  // (grep extension/content), ~150 bytes.
  ecma: 2022,
  compress: { keep_fargs: true, passes: 2, unsafe_arrows: true },
  mangle: true,
  format: {
    // No comments, not even licence ones: the source, with its comments, is the public repo.
    comments: false,
    // Chrome's explicit compile hint: V8 compiles every function of the file when the
    // script loads instead of on its first call, so the first popup of a page does not
    // wait for detection code to compile (0.3-0.4 ms of ~4.5 ms, bench/ cold probe).
    // Other engines read it as a comment. https://v8.dev/blog/explicit-compile-hints
    preamble: "//# allFunctionsCalledOnLoad",
  },
};

// Terser leaves strings alone, and the injected UI's stylesheet is one (content/callout.js
// `const STYLE = \`…\``, written readably with comments): its comments go and its white
// space folds, which changes no rule (~1 KB of the 50 KB budget). Folding only touches
// space around "{", "}" and ";" and after a property's colon, never inside a selector.
// esbuild writes the module's top-level `const` as `var` in the bundle.
const STYLE = /((?:const|var) STYLE = `)([^`]*)(`;)/g;
function compactStyles(code) {
  return code.replace(STYLE, (_, open, css, close) => {
    const folded = css
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/\s*([{};])\s*/g, "$1")
      .replace(/([{;])([\w-]+): /g, "$1$2:")
      .replace(/;}/g, "}")
      .trim();
    return open + folded + close;
  });
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { files, modules = [] } = JSON.parse(input);

const out = {};
const errors = {};
for (const name of Object.keys(files).sort()) {
  try {
    const isModule = modules.includes(name);
    const options = { ...OPTIONS, module: isModule, toplevel: isModule };
    const result = await minify({ [name]: compactStyles(files[name]) }, options);
    out[name] = result.code;
  } catch (err) {
    errors[name] = `line ${err.line ?? "?"}, column ${(err.col ?? 0) + 1}: ${err.message}`;
  }
}
process.stdout.write(JSON.stringify(Object.keys(errors).length ? { errors } : { files: out }));
