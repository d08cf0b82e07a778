#!/usr/bin/env bash
# `make fuzz`: each target of parc-fuzz (libFuzzer + AddressSanitizer) for FUZZ_SECONDS, from its
# corpus in Fuzz/corpus/TARGET; what adds coverage is merged back there (commit it), a crash input
# is left in Fuzz/crashes/. Prints executions per second and corpus sizes.
set -euo pipefail
: "${BIN_DIR:?}" "${FUZZ_SCRATCH:?}" "${FUZZ_SECONDS:=600}" "${FUZZ_TARGETS:=smbios edid dpkg checkin report gzip}"
mkdir -p Fuzz/crashes
for target in $FUZZ_TARGETS; do
    work="$FUZZ_SCRATCH/corpus/$target"
    log="$FUZZ_SCRATCH/fuzz-$target.log"
    mkdir -p "$work"
    before=$(ls Fuzz/corpus/"$target" | wc -l)
    echo "== $target: $FUZZ_SECONDS s from $before inputs (log: $log)"
    if ! PARC_FUZZ_TARGET=$target "$BIN_DIR/parc-fuzz" "$work" Fuzz/corpus/"$target" -max_total_time="$FUZZ_SECONDS" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=Fuzz/crashes/"$target"- > "$log" 2>&1; then
        tail -n 40 "$log"
        echo "$target: the fuzzer found a crash; its input is in Fuzz/crashes/" >&2
        exit 1
    fi
    PARC_FUZZ_TARGET=$target "$BIN_DIR/parc-fuzz" -merge=1 Fuzz/corpus/"$target" "$work" >> "$log" 2>&1
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    echo "$target: $runs runs, $rate per second, no crash; corpus $before -> $(ls Fuzz/corpus/"$target" | wc -l) inputs ($(du -sh Fuzz/corpus/"$target" | cut -f1))"
done
