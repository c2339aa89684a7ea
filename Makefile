# The README's two commands: `make build` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WEB_EXT := node_modules/.bin/web-ext
STAMP_BUILD := $(VENV)/.installed-build
STAMP_TEST := $(VENV)/.installed-test
STAMP_NPM := node_modules/.installed
# The builder's own Node packages (recheck, css-what, terser) without the test tools.
STAMP_NPM_BUILD := node_modules/.installed-build
# `make build BUILD_FLAGS=--allow-same-version` for local work on facts (see CONTRIBUTING.md).
BUILD_FLAGS ?=

.PHONY: build test lint web-ext-lint pytest browsers bench screenshots clean

build: $(STAMP_BUILD) $(STAMP_NPM_BUILD)
	$(PY) -m builder build $(BUILD_FLAGS)

test: build $(STAMP_TEST) $(STAMP_NPM) browsers lint web-ext-lint pytest

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

web-ext-lint: $(STAMP_NPM) build
	$(WEB_EXT) lint --source-dir dist/firefox --warnings-as-errors --no-config-discovery

pytest: $(STAMP_TEST) browsers
	$(PY) -m pytest

bench: build $(STAMP_TEST) browsers
	$(PY) -m bench

screenshots: build $(STAMP_TEST) browsers
	$(PY) docs/screenshots.py

$(STAMP_BUILD): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(STAMP_TEST): pyproject.toml $(STAMP_BUILD)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# recheck's optional native and Java helpers are not needed: the builder uses its
# pure-JavaScript backend.
$(STAMP_NPM_BUILD): package.json package-lock.json
	@command -v node >/dev/null || { echo "Node.js 20+ and npm are needed: apt-get install nodejs npm" >&2; exit 2; }
	npm ci --omit=dev --omit=optional --no-audit --no-fund --loglevel=error
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

clean:
	rm -rf dist .pytest_cache .ruff_cache
