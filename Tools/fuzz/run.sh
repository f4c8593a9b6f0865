#!/usr/bin/env bash
# Coverage-guided fuzzing of the whole pipeline with libFuzzer.
#
#   Tools/fuzz/run.sh [SECONDS] [extra libFuzzer flags...]     (default 600 s, one process)
#
# Builds fuzz-out/fuzz-parse from Sources/PlanKit + Tools/fuzz/FuzzParse.swift with
# -sanitize=fuzzer,address (overflow checks stay on at -O), seeds fuzz-out/corpus from
# Fixtures/seeds, and runs with the plan-token dictionary; inputs up to PLANKIT_FUZZ_MAX_LEN
# bytes (default 8192). Crashes land in fuzz-out/ as crash-*; past findings (Tools/fuzz/findings)
# join the corpus so that they are re-checked on every run.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"; shift || true
out=fuzz-out
mkdir -p "$out/corpus"
swiftc -parse-as-library -module-name PlanKit -O -g -sanitize=fuzzer,address \
    $(find Sources/PlanKit -name '*.swift' | sort) Tools/fuzz/FuzzParse.swift -o "$out/fuzz-parse"
# Seeds: each fixture whole and in 30-line pieces (small inputs run many times faster).
for seed in Fixtures/seeds/*.txt; do
    name=$(basename "$seed" .txt)
    cp "$seed" "$out/corpus/$name.txt"
    split -l 30 -d "$seed" "$out/corpus/$name.part-"
done
cp Tools/fuzz/findings/*.txt "$out/corpus/" 2>/dev/null || true
"$out/fuzz-parse" -dict=Tools/fuzz/plan.dict -max_len=${PLANKIT_FUZZ_MAX_LEN:-8192} -timeout=10 -rss_limit_mb=4096 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/" "$@" "$out/corpus"
