#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of `plankit parse --compact` on generated inputs
# of 1, 4 and 8 MB: independent of caches and of other load on the machine, so a ratio near the
# size ratio shows linear work where wall-clock times blur it.
#
#   Tools/bench/linearity.sh [SIZES_MB...]      (default: 1 4 8)
#
# Shapes: the five seeds concatenated; "- Nội dung thứ N đạt 50%" bullets; numbering nested 1 to
# 50 deep; one line without a line break. Needs valgrind (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1 4 8)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
swift build -c release --product plankit >/dev/null
bin="$(swift build -c release --show-bin-path)/plankit"

python3 - "$scratch" "${sizes[@]}" <<'EOF'
import glob, sys
out_dir, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
seeds = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("Fixtures/seeds/*.txt"))]
def fill(size, piece):
    parts, n, i = [], 0, 0
    while n < size:
        s = piece(i); parts.append(s); n += len(s.encode()); i += 1
    return "".join(parts)
for mb in sizes:
    size = mb * 1_000_000
    shapes = {
        "plan": fill(size, lambda i: seeds[i % len(seeds)] + "\n"),
        "bullets": fill(size, lambda i: f"- Nội dung thứ {i} đạt 50%\n"),
        "nested": "II. NỘI DUNG\n" + fill(size, lambda i: ".".join(["1"] * (i % 50 + 1)) + f". Mục cấp {i % 50 + 1}\n"),
        "line": fill(size, lambda i: "Đến năm 2030 đạt ít nhất 30% cán bộ nữ; "),
    }
    for name, text in shapes.items():
        open(f"{out_dir}/{name}-{mb}.txt", "w", encoding="utf-8").write(text)
EOF

echo "| input | MB | instructions | per MB | ratio to ${sizes[0]} MB |"
echo "|---|---:|---:|---:|---:|"
for shape in plan bullets nested line; do
    base=""
    for mb in "${sizes[@]}"; do
        count=$(valgrind --tool=callgrind --callgrind-out-file="$scratch/cg.out" "$bin" parse --compact \
                  --output "$scratch/out.json" "$scratch/$shape-$mb.txt" 2>&1 | awk '/Collected/ {print $4}')
        [ -z "$base" ] && base=$count
        printf "| %s | %s | %s | %s | %.2f |\n" "$shape" "$mb" "$count" "$((count / mb))" "$(echo "$count / $base" | bc -l)"
    done
done
