// Text helpers: normalise page text the way policy_data/detection.yaml documents,
// and compile its patterns. Shared by the other content modules.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.text) return;

  const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
  const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;

  /** NFKC, straight quotes, white space (incl. no-break spaces) folded, lower case. */
  function normalize(text) {
    return String(text ?? "")
      .normalize("NFKC")
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .replace(/\s+/gu, " ")
      .trim()
      .toLowerCase();
  }

  /** Compile patterns once; one the JS engine refuses is skipped, not fatal. */
  function compile(patterns) {
    const out = [];
    for (const source of patterns) {
      try {
        out.push(new RegExp(source, "iu"));
      } catch (err) {
        console.warn("Privacy Guard: skipping pattern", source, err.message);
      }
    }
    return out;
  }

  function matchesAny(regexes, text) {
    return text !== "" && regexes.some((re) => re.test(text));
  }

  PG.text = { normalize, compile, matchesAny };
})();
