#!/usr/bin/env bash
# Whole-process figures for `plankit batch` that the in-process benchmark cannot give:
# peak memory (max RSS) against the number of files, and wall/CPU time with 1 and 2 workers.
#
#   Tools/bench/batch-scale.sh [FILES...]        (default: 1000 10000)
#
# Builds plankit in release, writes FILES copies of the five seeds (cycled, 1000 per folder)
# under a scratch folder, runs each configuration under /usr/bin/time -v and prints a Markdown
# table. Outputs are compared: --jsonl with 1 and 2 workers must be byte-identical.
# The scratch folder (PLANKIT_BENCH_DIR, default /tmp/plankit-batch-scale) is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(1000 10000)
scratch="${PLANKIT_BENCH_DIR:-/tmp/plankit-batch-scale}"
rm -rf "$scratch"
mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT

swift build -c release --product plankit >/dev/null
bin="$(swift build -c release --show-bin-path)/plankit"
seeds=(Fixtures/seeds/*.txt)

make_corpus() { # $1 = number of files
    local dir="$scratch/in-$1" i
    mkdir -p "$dir"
    for ((i = 0; i < $1; i++)); do
        local sub="$dir/$((i / 1000))"
        [ -d "$sub" ] || mkdir -p "$sub"
        cp "${seeds[$((i % ${#seeds[@]}))]}" "$sub/plan-$i.txt"
    done
    echo "$dir"
}

# Prints: wall s | user+sys s | max RSS MB | exit code
measure() {
    local log="$scratch/time.log" code=0
    /usr/bin/time -v "$@" 2>"$log" >/dev/null || code=$?
    local wall user sys rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log")
    user=$(awk -F': ' '/User time/ {print $2}' "$log")
    sys=$(awk -F': ' '/System time/ {print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$log")
    printf "%s | %.2f | %s | %s" "$wall" "$(echo "$user + $sys" | bc)" "$rss" "$code"
}

# How many cores the machine actually gives right now: the same busy loop alone, then two at once.
# On a shared machine this, not nproc, bounds what 2 workers can gain.
spin() { local i; for ((i = 0; i < 2000000; i++)); do :; done; }
t0=$(date +%s.%N); spin; t1=$(date +%s.%N); spin & spin; wait; t2=$(date +%s.%N)
available=$(echo "scale=2; 2 * ($t1 - $t0) / ($t2 - $t1)" | bc)

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(swift --version 2>&1 | head -1)"
echo "Cores available to two busy processes right now: $available of $(nproc) (two loops together against one alone)."
echo
echo "| files | MB | mode | workers | wall s | CPU s (user+sys) | max RSS MB | exit |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|"
for n in "${counts[@]}"; do
    dir=$(make_corpus "$n")
    mb=$(du -sm --apparent-size "$dir" | cut -f1)
    for jobs in 1 2; do
        echo "| $n | $mb | --jsonl | $jobs | $(measure "$bin" batch "$dir" --jsonl "$scratch/out-$n-$jobs.jsonl" --jobs "$jobs") |"
    done
    if ! cmp -s "$scratch/out-$n-1.jsonl" "$scratch/out-$n-2.jsonl"; then echo "JSONL differs between 1 and 2 workers"; exit 1; fi
    rm -f "$scratch"/out-$n-*.jsonl
    echo "| $n | $mb | --out (first run) | 2 | $(measure "$bin" batch "$dir" --out "$scratch/out-$n" --jobs 2) |"
    echo "| $n | $mb | --out (rerun, all up to date) | 2 | $(measure "$bin" batch "$dir" --out "$scratch/out-$n" --jobs 2) |"
    rm -rf "$scratch/out-$n" "$dir"
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
