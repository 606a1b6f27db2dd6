# immuta-preflight: `make test` installs what is missing and runs every check; `make bench` prints
# the speed numbers.

CARGO ?= cargo
WASM_TARGETS := wasm32-unknown-unknown wasm32-wasip1

.PHONY: test targets fmt-check lint test-native example bench clean

test: targets fmt-check lint example test-native

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
	$(CARGO) clippy --locked --all-targets -- -D warnings
	$(CARGO) clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --locked --all-targets --target wasm32-wasip1 -- -D warnings

# CI=true keeps insta from writing snapshots: a changed output fails instead. (The benchmark is
# built by `lint` and run by `make bench`.)
test-native:
	CI=true $(CARGO) test --locked --lib --bins --tests

# The README's example, run for real (exit code 1: the demo payload has errors on purpose).
example:
	$(CARGO) run --locked -q -- check --color never tests/fixtures/invalid/demo-databricks-connection.json; \
	status=$$?; test $$status -eq 1 || { echo "expected exit code 1, got $$status"; exit 1; }

bench:
	$(CARGO) bench --locked --bench check

clean:
	$(CARGO) clean
