#!/bin/sh
# Runs every fuzz target (or those named after the first two arguments) for $1 seconds each (libFuzzer, no sanitizer: the crate has no unsafe
# code; debug assertions and overflow checks are on). Seeds are the fixtures; the corpus grows in
# target/fuzz-corpus and crashes land in target/fuzz-artifacts. Prints one line per target and
# fails if any target crashed, hung (10 s for one input) or went over 2 GB.
set -u
seconds=$1
cargo_fuzz=$2
shift 2
targets=${*:-check_json check_yaml check_curl apply_fixes}
cd "$(dirname "$0")/../.."
status=0
summary=""
for target in $targets; do
    corpus=target/fuzz-corpus/$target
    artifacts=target/fuzz-artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    find tests/fixtures/valid tests/fixtures/invalid tests/fuzz/regressions -type f ! -name '*.expected' -exec cp {} "$corpus/" \;
    log=target/fuzz-artifacts/$target.log
    RUSTUP_TOOLCHAIN=nightly "$cargo_fuzz" fuzz run --fuzz-dir tests/fuzz --target-dir target/fuzz --sanitizer none \
        "$target" "$corpus" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
    code=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$code" -eq 0 ]; then
        line="$target: ${runs:-?} executions in ${seconds} s, no crash, no hang"
    else
        status=1
        line="$target: FAILED after ${runs:-?} executions (exit $code); see $log and $artifacts/"
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
