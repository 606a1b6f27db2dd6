# immuta-preflight: `make serve` builds what is missing and serves the page; `make test` installs
# what is missing and runs every check; `make check` is the quick inner loop (format, lint and the
# Rust tests, with no browser and nothing to install); `make bench` prints the speed numbers.

CARGO ?= cargo
NPM ?= npm
WASM_TARGETS := wasm32-unknown-unknown wasm32-wasip1

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock; it is
# installed into target/tools, not over anything on the machine.
TOOLS := target/tools
WASM_BINDGEN := $(TOOLS)/bin/wasm-bindgen
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
WASM_MODULE := target/wasm32-unknown-unknown/wasm/immuta_preflight_wasm.wasm
PKG_DIST := pkg/dist
# The WASI module the pre-commit hooks run is committed, so that they need no Rust. It is built
# with a pinned toolchain and with paths remapped, so that any checkout reproduces it byte for
# byte; `make test` fails if the committed module is not what the sources build.
WASI_TOOLCHAIN := 1.95.0
WASI_MODULE := pkg/python/immuta_preflight/immuta-preflight.wasm
WASI_LINKED := target/wasm32-wasip1/wasi/immuta-preflight.wasm
WASI_BUILD := target/wasm32-wasip1/wasi/immuta-preflight.opt.wasm
CARGO_HOME ?= $(HOME)/.cargo
# --strip-all: the profile's `strip = true` leaves wasm's name section (300 KB) in place.
# The --export flags keep the functions of src/cli/embedded.rs, which the Python library calls.
WASI_EXPORTS := immuta_preflight_alloc immuta_preflight_run immuta_preflight_answer
WASI_RUSTFLAGS := --remap-path-prefix=$(CURDIR)=/immuta-preflight --remap-path-prefix=$(CARGO_HOME)=/cargo -C link-arg=--strip-all $(foreach f,$(WASI_EXPORTS),-C link-arg=--export=$(f))
# Binaryen's wasm-opt, from npm (pinned in its package-lock.json): -Oz takes a tenth off the module
# (measured: 1091 KB to 971 KB), and its output is the same on every run. The features are the
# ones Rust's wasm32-wasip1 emits; the stripped module no longer names them.
WASM_OPT := pkg/pre-commit/wasm-opt/node_modules/.bin/wasm-opt
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types
# The hook's Python side (pre-commit, the wasmtime wheel) for the tests, in a virtualenv.
HOOK_VENV := target/hook-venv
PORT ?= 8080
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: fuzz fuzz-smoke fuzz-tools bench-compare test-hostile sweep docs vscode test-vscode code-server-deps test-python test-action
.PHONY: check test targets fmt-check lint test-native test-npm test-www test-hook test-editor neovim example bench bench-native bench-wasm bench-www bench-hook bench-folder pkg www serve chromium bench-vscode bench-python wasi wasi-build wasi-check wasm-bindgen-cli clean

test: targets fmt-check lint example test-native wasi-check test-npm test-www test-hook test-python test-action test-editor test-vscode fuzz-smoke

# Two sweeps that take most of the native tests' time run in `make test`, not in `make check`:
# the hostile inputs (tests/hostile.rs, a minute) and the scalar styles (tests/scalar_styles.rs,
# 17 s on two cores).
SLOW_TESTS := --skip hostile_inputs_get_their_expected_findings_in_bounded_memory_and_time \
	--skip every_style_maps_exactly_with_hostile_characters_anywhere

# The inner loop: what a change to a rule needs, natively. No wasm target, browser, npm package or
# toolchain is installed or built; `make test` stays the full gate (and CI runs it).
check:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	CI=true $(CARGO) test --locked --workspace --lib --bins --tests -- $(SLOW_TESTS)

# The wasm targets are needed to lint the two WebAssembly builds; rustup installs them in seconds.
targets:
	@command -v $(CARGO) >/dev/null || { echo "cargo is missing: install Rust (https://rustup.rs)"; exit 1; }
	@installed="$$(rustup target list --installed 2>/dev/null)"; \
	for target in $(WASM_TARGETS); do \
		echo "$$installed" | grep -qx "$$target" || rustup target add "$$target"; \
	done

fmt-check:
	$(CARGO) fmt --check

lint: targets
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	$(CARGO) clippy --locked --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --locked -p immuta-preflight-wasm --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	$(CARGO) clippy --locked -p immuta-preflight-wasm --lib --target wasm32-unknown-unknown --no-default-features --features cli -- -D warnings
	$(CARGO) clippy --locked -p immuta-preflight-wasm --lib --target wasm32-unknown-unknown --no-default-features --features editor -- -D warnings
	$(CARGO) clippy --locked --workspace --all-targets --target wasm32-wasip1 -- -D warnings

# CI=true keeps insta from writing snapshots: a changed output fails instead. (The benchmark is
# built by `lint` and run by `make bench`.)
test-native:
	CI=true $(CARGO) test --locked --workspace --lib --bins --tests

# The README's example, run for real (exit code 1: the demo payload has errors on purpose).
example:
	$(CARGO) run --locked -q -- check --color never tests/fixtures/invalid/demo-databricks-connection.json; \
	status=$$?; test $$status -eq 1 || { echo "expected exit code 1, got $$status"; exit 1; }

# What is generated: from the field catalogue, the users' field reference (docs/fields.md) and
# the recall table of the mutation tests (docs/catalogue.md); from the rules' declarations, the rule
# table and every rule's docs (docs/rules.md); from the engine's lists, the npm package's TypeScript
# unions (pkg/index.d.ts). The tests fail when any is out of date.
docs:
	IMMUTA_PREFLIGHT_WRITE_DOCS=1 $(CARGO) test --locked -q --test catalogue --test mutations --test types --test docs

# The scalar-style sweep (tests/scalar_styles.rs): every string of every valid fixture in eight
# styles with a hostile character, and the native engine's findings, in target/sweep for the tests
# of the other doors (npm, the page, the WASI module), which must agree with it.
sweep:
	IMMUTA_PREFLIGHT_SWEEP=$(CURDIR)/target/sweep $(CARGO) test --locked -q --test scalar_styles -- --exact write_the_sweep_corpus

# The npm package: the wasm door (src/wasm) built for wasm32-unknown-unknown, then wasm-bindgen's `nodejs` glue
# (CommonJS, loads the module synchronously) and its `web` glue (ESM, for browsers and the page)
# around one and the same .wasm file. The `bin` has a module of its own in dist/cli, the door with
# the feature `cli` (the command line), which the library module users import does not carry. Every
# glue gets __wbg_reset_state, which starts a fresh instance after a panic (pkg/lib/guard.mjs).
WASM_BINDGEN_FLAGS := --out-name immuta_preflight --no-typescript --remove-name-section --experimental-reset-state-function
# What the engine is built from: when none of it changed, `make pkg` and `make www` do nothing.
CORE_SOURCES := Cargo.toml Cargo.lock $(shell find src -type f)
PKG_STAMP := $(PKG_DIST)/.built
pkg: $(PKG_STAMP)
$(PKG_STAMP): $(CORE_SOURCES) pkg/lib/guard.mjs | targets wasm-bindgen-cli
	$(CARGO) build --locked -p immuta-preflight-wasm --lib --target wasm32-unknown-unknown --profile wasm
	rm -rf $(PKG_DIST) target/pkg-web
	$(WASM_BINDGEN) $(WASM_BINDGEN_FLAGS) --target nodejs --out-dir $(PKG_DIST) $(WASM_MODULE)
	$(WASM_BINDGEN) $(WASM_BINDGEN_FLAGS) --target web --out-dir target/pkg-web $(WASM_MODULE)
	cmp target/pkg-web/immuta_preflight_bg.wasm $(PKG_DIST)/immuta_preflight_bg.wasm
	cp target/pkg-web/immuta_preflight.js $(PKG_DIST)/immuta_preflight_web.mjs
	@# The same profile with other features: the dependencies built above are reused, and cargo
	@# writes this module where the library's was (wasm-bindgen has read that one already).
	$(CARGO) build --locked -p immuta-preflight-wasm --lib --target wasm32-unknown-unknown --profile wasm --no-default-features --features cli
	$(WASM_BINDGEN) $(subst --out-name immuta_preflight,--out-name immuta_preflight_cli,$(WASM_BINDGEN_FLAGS)) --target nodejs --out-dir $(PKG_DIST)/cli $(WASM_MODULE)
	{ sed 's/^export //' pkg/lib/guard.mjs; echo 'module.exports = { REPORT_URL, isEngineFailure, guard };'; } >$(PKG_DIST)/guard.cjs
	touch $@

wasm-bindgen-cli:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "no wasm-bindgen in Cargo.lock"; exit 1; }
	@if [ "$$($(WASM_BINDGEN) --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into $(TOOLS) (about 3 minutes, once)"; \
		$(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root $(TOOLS) --force; \
	fi

# The package's own tests: pack it, install the tarball into a new project, use it from ESM,
# CommonJS, TypeScript and the `bin`.
test-npm: pkg tests/npm/node_modules sweep
	node --test tests/npm/*.test.mjs

# Every npm project here (tests/npm, www, tests/www) installs exactly its lockfile.
# --ignore-scripts: none needs an install script; esbuild's postinstall only checks the binary its
# optional dependency brought, and would download one if it were missing.
%/node_modules: %/package.json %/package-lock.json
	cd $* && $(NPM) ci --no-audit --no-fund --ignore-scripts
	touch $@

wasi-build: pkg/pre-commit/wasm-opt/node_modules
	@rustup toolchain list | grep -q '^$(WASI_TOOLCHAIN)-' || rustup toolchain install $(WASI_TOOLCHAIN) --profile minimal
	@rustup target list --toolchain $(WASI_TOOLCHAIN) --installed | grep -qx wasm32-wasip1 || rustup target add --toolchain $(WASI_TOOLCHAIN) wasm32-wasip1
	RUSTFLAGS="$(WASI_RUSTFLAGS)" $(CARGO) +$(WASI_TOOLCHAIN) build --locked --profile wasi --target wasm32-wasip1 --bin immuta-preflight
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(WASI_LINKED) -o $(WASI_BUILD)

# Rebuilds the committed module; commit it with the sources that changed it.
wasi: wasi-build
	cp $(WASI_BUILD) $(WASI_MODULE)

wasi-check: wasi-build
	@cmp -s $(WASI_BUILD) $(WASI_MODULE) || { echo "$(WASI_MODULE) is not what the sources build: run \`make wasi\` and commit it"; exit 1; }

# The hooks: pre-commit in a temporary repository, and the module under the Python wasmtime runner
# and node:wasi, byte for byte against the native CLI.
test-hook: $(HOOK_VENV)/ok sweep
	PATH="$(CURDIR)/$(HOOK_VENV)/bin:$$PATH" node --test tests/hook/*.test.mjs

# The Python library: a wheel built from this checkout, installed into a fresh virtualenv with no
# cargo on its PATH (as a user without Rust installs it), then pytest against the native CLI.
PY_VENV := target/python-venv
PY_WHEEL := target/python-wheel
test-python: $(PY_VENV)/ok
	$(CARGO) build --locked --bin immuta-preflight
	cd tests/python && $(CURDIR)/$(PY_VENV)/bin/python -m pytest -q -p no:cacheprovider

$(PY_VENV)/ok: pyproject.toml tests/python/requirements.txt $(shell find pkg/python -type f)
	rm -rf $(PY_VENV) $(PY_WHEEL) build
	python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
	$(PY_VENV)/bin/pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir $(PY_WHEEL) .
	rm -rf build
	env PATH=/usr/bin:/bin $(PY_VENV)/bin/pip install --quiet --disable-pip-version-check $(PY_WHEEL)/immuta_preflight-*.whl
	touch $@

$(HOOK_VENV)/ok: tests/hook/requirements.txt
	python3 -m venv $(HOOK_VENV)
	$(HOOK_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/hook/requirements.txt
	touch $@

# The page: www/build.mjs bundles CodeMirror, the engine and the examples (the test fixtures)
# into www/dist/app.js, rebuilt only when one of them changed.
# The page's engine: the same door without the feature `package-api` (the page calls check and
# applyFixes only), everything at opt-level z (profile wasm-page), with wasm-bindgen's web glue;
# www/src/engine.js inlines it. Measured: 871 KB, 287 KB gzipped, against the package's 1264/438.
PAGE_ENGINE := target/www-engine
PAGE_STAMP := $(PAGE_ENGINE)/.built
$(PAGE_STAMP): $(CORE_SOURCES) | targets wasm-bindgen-cli
	$(CARGO) build --locked -p immuta-preflight-wasm --lib --target wasm32-unknown-unknown --profile wasm-page --no-default-features
	rm -rf $(PAGE_ENGINE)
	$(WASM_BINDGEN) $(WASM_BINDGEN_FLAGS) --target web --out-dir $(PAGE_ENGINE) target/wasm32-unknown-unknown/wasm-page/immuta_preflight_wasm.wasm
	touch $@

WWW_APP := www/dist/app.js
WWW_SOURCES := www/build.mjs $(shell find www/src pkg/lib tests/fixtures tests/snapshots -type f)
www: $(WWW_APP)
$(WWW_APP): $(PKG_STAMP) $(PAGE_STAMP) $(WWW_SOURCES) www/node_modules
	node www/build.mjs

serve: www
	node www/serve.mjs --port $(PORT)

# The page in Debian's Chromium, driven by playwright-core; screenshots go to target/www-artifacts.
test-www: www tests/www/node_modules chromium sweep
	node --test tests/www/*.test.mjs

# Chromium is a system package: installed with apt-get when this runs as root (as CI does) or
# with sudo when that needs no password; otherwise the message says what to run.
chromium:
	@test -x "$(CHROMIUM)" && exit 0; \
	if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y --no-install-recommends chromium; \
	elif sudo -n true 2>/dev/null; then sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium; \
	else echo "Chromium is missing: run \`sudo apt-get install chromium\`, or set CHROMIUM=/path/to/chrome"; exit 1; fi

# The language server in Debian's Neovim, headless (tests/editor/init.lua is its whole config).
test-editor: neovim
	$(CARGO) build --locked --bin immuta-preflight
	node --test tests/editor/*.test.mjs

# Neovim, like Chromium, is a system package.
neovim:
	@command -v nvim >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y --no-install-recommends neovim; \
	elif sudo -n true 2>/dev/null; then sudo apt-get update && sudo apt-get install -y --no-install-recommends neovim; \
	else echo "Neovim is missing: run \`sudo apt-get install neovim\`"; exit 1; fi

# The VS Code extension (pkg/vscode): the wasm door with the feature `editor` (its `Editor`, over
# the service the language server uses), wasm-bindgen's web glue, bundled by esbuild for both
# extension hosts (Node and the web worker), packed by @vscode/vsce into a .vsix.
VSCODE_VERSION := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' pkg/vscode/package.json)
VSIX := target/vscode/immuta-preflight-$(VSCODE_VERSION).vsix
VSCODE_ENGINE := target/vscode-engine
VSCODE_SOURCES := $(shell find pkg/vscode/src pkg/vscode/images -type f) pkg/vscode/package.json pkg/vscode/build.mjs pkg/vscode/.vscodeignore pkg/vscode/README.md pkg/vscode/CHANGELOG.md pkg/vscode/LICENSE www/src/keyfile.js pkg/lib/guard.mjs
$(VSCODE_ENGINE)/.built: $(CORE_SOURCES) | targets wasm-bindgen-cli
	$(CARGO) build --locked -p immuta-preflight-wasm --lib --target wasm32-unknown-unknown --profile wasm --no-default-features --features editor
	rm -rf $(VSCODE_ENGINE)
	$(WASM_BINDGEN) $(subst --out-name immuta_preflight,--out-name immuta_preflight_editor,$(WASM_BINDGEN_FLAGS)) --target web --out-dir $(VSCODE_ENGINE) $(WASM_MODULE)
	touch $@

vscode: $(VSIX)
$(VSIX): $(VSCODE_ENGINE)/.built $(VSCODE_SOURCES) pkg/vscode/node_modules
	rm -rf pkg/vscode/dist
	mkdir -p pkg/vscode/dist/engine target/vscode
	cp $(VSCODE_ENGINE)/immuta_preflight_editor.js $(VSCODE_ENGINE)/immuta_preflight_editor_bg.wasm pkg/vscode/dist/engine/
	node pkg/vscode/build.mjs
	cd pkg/vscode && ./node_modules/.bin/vsce package --no-dependencies --out $(CURDIR)/$(VSIX)

# The extension in a real VS Code: code-server (installed once into target/code-server, about a
# minute to four) in Debian's Chromium, driven by playwright-core; screenshots in
# target/vscode-artifacts.
CODE_SERVER := target/code-server
test-vscode: $(VSIX) $(CODE_SERVER)/.installed tests/www/node_modules chromium
	$(CARGO) build --locked --bin immuta-preflight
	node --test tests/vscode/*.test.mjs

$(CODE_SERVER)/.installed: tests/vscode/install-code-server.sh | code-server-deps
	tests/vscode/install-code-server.sh $(CURDIR)/$(CODE_SERVER)

# code-server's native modules build against these system packages; installed like Chromium.
CODE_SERVER_DEPS := libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep g++ python3
code-server-deps:
	@dpkg -s $(CODE_SERVER_DEPS) >/dev/null 2>&1 && exit 0; \
	if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y --no-install-recommends $(CODE_SERVER_DEPS); \
	elif sudo -n true 2>/dev/null; then sudo apt-get update && sudo apt-get install -y --no-install-recommends $(CODE_SERVER_DEPS); \
	else echo "code-server needs system packages: run \`sudo apt-get install $(CODE_SERVER_DEPS)\`"; exit 1; fi

# Fuzzing: cargo-fuzz (pinned, installed into target/tools) on the nightly toolchain, libFuzzer.
# `make fuzz` runs each of the four targets (or FUZZ_TARGETS) for FUZZ_SECONDS (10 minutes
# unless told); `make test` runs each for FUZZ_SMOKE_SECONDS. A crash is saved in
# target/fuzz-artifacts; copy it into tests/fuzz/regressions, where tests/fuzz_regressions.rs
# replays it in every `make test`.
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_TARGETS ?=
CARGO_FUZZ := $(TOOLS)/bin/cargo-fuzz
CARGO_FUZZ_VERSION := 0.13.2

fuzz: fuzz-tools
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(CARGO_FUZZ) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-tools
	tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(CARGO_FUZZ) $(FUZZ_TARGETS)

fuzz-tools:
	@rustup toolchain list | grep -q '^nightly-' || rustup toolchain install nightly --profile minimal
	@if [ "$$($(CARGO_FUZZ) --version 2>/dev/null)" != "cargo-fuzz $(CARGO_FUZZ_VERSION)" ]; then \
		echo "installing cargo-fuzz $(CARGO_FUZZ_VERSION) into $(TOOLS) (a few minutes, once)"; \
		$(CARGO) install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION) --root $(TOOLS) --force; \
	fi

bench: bench-native bench-wasm bench-www bench-hook bench-python bench-folder bench-vscode
	node tests/bench/targets.mjs

bench-native:
	$(CARGO) bench --locked --bench check
	$(CARGO) bench --locked --bench memory

bench-wasm: pkg
	node tests/bench/wasm.mjs

bench-www: www tests/www/node_modules chromium
	node tests/bench/www.mjs

# The extension in code-server: the .vsix's size, and an open payload's time to its findings.
bench-vscode: $(VSIX) $(CODE_SERVER)/.installed tests/www/node_modules chromium
	node tests/bench/vscode.mjs

# The GitHub Action (action.yml) run as the runner runs it, against the native CLI.
test-action:
	$(CARGO) build --locked --bin immuta-preflight
	node --test tests/action/*.test.mjs

bench-python: $(PY_VENV)/ok
	$(PY_VENV)/bin/python tests/bench/python.py

bench-hook: $(HOOK_VENV)/ok
	PATH="$(CURDIR)/$(HOOK_VENV)/bin:$$PATH" node tests/bench/hook.mjs

# A folder of 500 payload files, checked by the native CLI and by the hook (wall time).
bench-folder: $(HOOK_VENV)/ok
	$(CARGO) build --locked --release --bin immuta-preflight
	PATH="$(CURDIR)/$(HOOK_VENV)/bin:$$PATH" node tests/bench/folder.mjs

# immuta-preflight against ajv and check-jsonschema on one generated set of a few hundred
# payloads; the peers are installed into target/bench/peers by the script, at pinned versions.
bench-compare: pkg $(HOOK_VENV)/ok
	$(CARGO) build --locked --release --bin immuta-preflight
	node tests/bench/compare/compare.mjs
	node tests/bench/targets.mjs

clean:
	$(CARGO) clean
