#!/bin/sh
# Long fuzzing runs for a release, beyond CI's 60 s per target:
#
#   tests/fuzz/long-run.sh [SECONDS] [TARGET...]     (default 3600, all)
#
# Builds the libFuzzer targets with clang (ASan+UBSan) in build-fuzz/,
# then runs the targets one after another, each for SECONDS, on a working
# corpus in ${VNS_FUZZ_WORK:-/tmp/vns-fuzz}/TARGET that starts from the
# seeds in tests/fuzz/corpora/TARGET and is kept between runs. A crash
# input is written there as crash-*; copy it into tests/fuzz/corpora/TARGET
# so that ctest replays it from then on. Each run's log ends with
# libFuzzer's final statistics (stat::number_of_executed_units). A unit
# slower than VNS_FUZZ_TIMEOUT seconds (default 10) is a finding: raise it
# on a loaded machine, where a niced fuzzer can wait that long for a CPU.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-3600}
[ $# -gt 0 ] && shift
targets=${*:-analyze parse query snippet}
work=${VNS_FUZZ_WORK:-/tmp/vns-fuzz}

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DVNS_FUZZ=ON >/dev/null
for target in $targets; do
    cmake --build build-fuzz -j2 --target "fuzz_$target" >/dev/null
done
for target in $targets; do
    mkdir -p "$work/$target"
    cp -n tests/fuzz/corpora/"$target"/* "$work/$target"/
    echo "== fuzz_$target for $seconds s; log $work/$target.log"
    status=0
    build-fuzz/tests/"fuzz_$target" -max_total_time="$seconds" \
        -max_len=4096 -rss_limit_mb=2048 -timeout="${VNS_FUZZ_TIMEOUT:-10}" \
        -print_final_stats=1 \
        -artifact_prefix="$work/$target/" "$work/$target" \
        >"$work/$target.log" 2>&1 || status=$?
    grep -E 'stat::(number_of_executed_units|peak_rss_mb)|^Done|ERROR' \
        "$work/$target.log" || true
    [ "$status" -eq 0 ] || { echo "fuzz_$target: findings, exit $status"; exit 1; }
done
