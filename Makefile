# The README's two commands: `make build` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
WEB_EXT := node_modules/.bin/web-ext
ESLINT := node_modules/.bin/eslint
TSC := node_modules/.bin/tsc
STAMP_BUILD := $(VENV)/.installed-build
STAMP_TEST := $(VENV)/.installed-test
STAMP_NPM := node_modules/.installed
# The builder's own Node packages (recheck, css-what, terser) without the test tools.
STAMP_NPM_BUILD := node_modules/.installed-build
# `make build BUILD_FLAGS=--allow-same-version` for local work on facts (see CONTRIBUTING.md).
BUILD_FLAGS ?=

.PHONY: build test lint web-ext-lint unit pytest browsers fonts bench bench-startup screenshots release clean

build: $(STAMP_BUILD) $(STAMP_NPM_BUILD)
	$(PY) -m builder build $(BUILD_FLAGS)

test: build $(STAMP_TEST) $(STAMP_NPM) browsers lint web-ext-lint unit pytest

# Python: ruff. JavaScript: ESLint (eslint.config.mjs) and tsc's type check of the plain
# JavaScript against Chrome's and Firefox's API types (tsconfig*.json); nothing is built.
lint: $(STAMP_TEST) $(STAMP_NPM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(ESLINT) --max-warnings 0 .
	$(TSC) -p tsconfig.json
	$(TSC) -p tsconfig.firefox.json

web-ext-lint: $(STAMP_NPM) build
	$(PY) -m builder.release.lint dist/firefox $(WEB_EXT)

# The fast tier: the built content scripts in jsdom (tests/unit/, Node's test runner).
unit: build $(STAMP_NPM)
	node --test --test-reporter=spec --test-concurrency=2 tests/unit/

pytest: $(STAMP_TEST) browsers
	$(PY) -m pytest

# `make bench BENCH_FLAGS="--only startup,loadscript"` runs some parts (see `python -m bench -h`).
BENCH_FLAGS ?=
bench: build $(STAMP_TEST) browsers
	$(PY) -m bench $(BENCH_FLAGS)

# Only the start-up budgets of issue #22 (a first popup before the page was ever idle, the
# content script's script time of a page load), ~2 min; prints the verdicts, writes no report.
bench-startup: build $(STAMP_TEST) browsers
	$(PY) -m bench --only startup,loadscript $(BENCH_FLAGS)

# `make screenshots SHOTS="consent-popup.png onboarding.png"` renders only those.
SHOTS ?=
screenshots: build $(STAMP_TEST) browsers fonts
	$(PY) docs/screenshots.py $(SHOTS)

# The store uploads for the version HEAD is tagged with (v<version>), in release/<version>/:
# the source zip for AMO, the packages rebuilt from it, store images per locale, listing
# texts, release notes, SHA256SUMS. Uploads nothing. CONTRIBUTING.md "Release" says what
# goes where. RELEASE_FLAGS=--reuse-tools rebuilds the source zip with this checkout's
# tools instead of a fresh `npm run build-for-amo` (which downloads them again).
RELEASE_FLAGS ?=
release: fonts $(STAMP_BUILD) $(STAMP_TEST) $(STAMP_NPM) browsers
	$(PY) -m builder release $(RELEASE_FLAGS)

# Exact versions with hashes (requirements/*.lock, see CONTRIBUTING.md), then the builder
# itself with the pinned setuptools: what makes the store packages is the same everywhere.
$(STAMP_BUILD): pyproject.toml requirements/build.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements/build.lock
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(STAMP_TEST): pyproject.toml requirements/test.lock $(STAMP_BUILD)
	$(PIP) --require-hashes -r requirements/test.lock
	touch $@

# recheck's optional native and Java helpers are not needed: the builder uses its
# pure-JavaScript backend.
$(STAMP_NPM_BUILD): package.json package-lock.json
	@command -v node >/dev/null || { echo "Node.js 20+ and npm are needed: apt-get install nodejs npm" >&2; exit 2; }
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

# Everything, test tools included; it also holds what the builder needs.
$(STAMP_NPM): package.json package-lock.json $(STAMP_NPM_BUILD)
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP_NPM_BUILD) $@

# Debian's browsers; Playwright's own browser download cannot work here (no internet).
browsers:
	@if command -v chromium >/dev/null && command -v firefox-esr >/dev/null && command -v openssl >/dev/null; then \
	  :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr openssl; \
	else \
	  echo "chromium and firefox-esr are missing: run 'make test' as root, or 'sudo apt-get install chromium firefox-esr openssl'" >&2; \
	fi

# Fonts for the screenshots in Japanese, Chinese, Korean and Hindi: without a font for a
# script, Chromium draws empty boxes (Debian 12's packages; fontconfig's fc-list comes with
# chromium). IPA Gothic for Japanese, Noto CJK for Korean and Chinese, Lohit for Hindi's
# Devanagari. Not fonts-noto-core: it makes Noto Sans every page's default sans-serif
# (instead of DejaVu Sans), which would change the Latin text of every screenshot and the
# metrics the browser tests run with.
FONTS := fonts-ipafont-gothic fonts-noto-cjk fonts-lohit-deva
fonts:
	@if command -v fc-list >/dev/null && fc-list :lang=ja | grep -q . && fc-list :lang=ko | grep -q . \
	    && fc-list :lang=zh-cn | grep -q . && fc-list :lang=hi | grep -q .; then \
	  :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FONTS); \
	else \
	  echo "fonts for ja, ko, zh and hi are missing (screenshots would show boxes): run 'make screenshots' as root, or 'sudo apt-get install $(FONTS)'" >&2; \
	fi

clean:
	rm -rf dist .pytest_cache .ruff_cache
