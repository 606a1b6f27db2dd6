#!/bin/sh
# Runs every fuzz target (or those named after the first two arguments) for $1 seconds each
# (libFuzzer, no sanitizer: the crate has no unsafe code; debug assertions and overflow checks are
# on, so a scanning loop that stands still panics at once).
#
# Each target starts from a seed corpus: every fixture, every kept regression and the target's own
# seeds in tests/fuzz/seeds/<target> (quoting forms and edge cases), with a token dictionary from
# tests/fuzz/dictionaries; `read` (the readers alone, the fastest) and `apply_fixes` (where a map
# from a decoded value to its source turns into edits) get all of them. check_curl checks the bytes after `curl `, so its fixture seeds are the
# fixtures' curl commands without that word and the JSON fixtures as `-d '...'`. The corpus grows in
# target/fuzz-corpus and crashes land in target/fuzz-artifacts.
#
# Limits, per input: 1 s (-timeout), and the harness's own heap bound of 20 x the input + 64 MiB
# (tests/fuzz/src/lib.rs), which aborts on the allocation that crosses it; -rss_limit_mb is the
# whole process's backstop. Prints one line per target and fails if any target crashed, hung or ran
# out of memory.
set -u
seconds=$1
cargo_fuzz=$2
shift 2
targets=${*:-read check_json check_yaml check_curl apply_fixes config complete lsp}
cd "$(dirname "$0")/../.."
# cargo-fuzz has no --locked: check the fuzz package's lock file first, so that a run never
# rewrites it (it must be updated, and committed, with the main one).
if ! cargo metadata --locked --format-version 1 --manifest-path tests/fuzz/Cargo.toml >/dev/null; then
    echo "tests/fuzz/Cargo.lock is out of date: run \`cargo metadata --manifest-path tests/fuzz/Cargo.toml\` and commit it" >&2
    exit 1
fi
status=0
summary=""
for target in $targets; do
    corpus=target/fuzz-corpus/$target
    artifacts=target/fuzz-artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    case $target in
        check_curl)
            dict=tests/fuzz/dictionaries/curl.dict
            for f in tests/fixtures/valid/*/*.sh tests/fixtures/invalid/*.sh; do
                [ -f "$f" ] && sed '1s/^[[:space:]]*curl //' "$f" >"$corpus/fixture-$(basename "$f")"
            done
            for f in tests/fixtures/valid/*/*.json tests/fixtures/invalid/*.json; do
                [ -f "$f" ] && { printf "%s" "-X POST https://tenant.example/ -d '"; cat "$f"; printf "'"; } \
                    >"$corpus/fixture-$(basename "$f").sh"
            done
            ;;
        check_yaml) dict=tests/fuzz/dictionaries/yaml.dict ;;
        config) dict=tests/fuzz/dictionaries/toml.dict ;;
        lsp) dict=tests/fuzz/dictionaries/lsp.dict ;;
        read | apply_fixes) dict=target/fuzz-corpus/all.dict ;;
        *) dict=tests/fuzz/dictionaries/json.dict ;;
    esac
    if [ "$target" != check_curl ] && [ "$target" != config ] && [ "$target" != lsp ]; then
        find tests/fixtures/valid tests/fixtures/invalid -type f ! -name '*.expected' -exec cp {} "$corpus/" \;
    fi
    cp tests/fuzz/regressions/* "$corpus/"
    if [ "$target" = read ] || [ "$target" = apply_fixes ]; then
        # The readers and the fixes get every target's seeds, and every dictionary's tokens.
        for seeds in tests/fuzz/seeds/*; do cp "$seeds"/* "$corpus/"; done
        cat tests/fuzz/dictionaries/*.dict >"$dict"
    elif [ -d "tests/fuzz/seeds/$target" ]; then
        cp "tests/fuzz/seeds/$target"/* "$corpus/"
    fi
    log=target/fuzz-artifacts/$target.log
    RUSTUP_TOOLCHAIN=nightly "$cargo_fuzz" fuzz run --fuzz-dir tests/fuzz --target-dir target/fuzz --sanitizer none \
        "$target" "$corpus" -- -max_total_time="$seconds" -timeout=1 -rss_limit_mb=1024 -max_len=8192 \
        -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        >"$log" 2>&1
    code=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$code" -eq 0 ]; then
        line="$target: ${runs:-?} executions in ${seconds} s, no crash, no hang, no memory failure"
    else
        status=1
        line="$target: FAILED after ${runs:-?} executions (exit $code); see $log and $artifacts/"
        grep -m 3 -E 'memory bound|stood still|panicked|ERROR: libFuzzer' "$log"
        tail -n 30 "$log"
    fi
    echo "$line"
    summary="$summary$line
"
done
echo
echo "fuzzing, $seconds s per target:"
printf '%s' "$summary"
exit $status
