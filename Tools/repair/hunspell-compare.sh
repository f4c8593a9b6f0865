#!/usr/bin/env bash
# The generic spell checker baseline of the repair evaluation (issue 3, "Measure"): hunspell
# with Debian's hunspell-vi dictionary, first suggestion for every word it rejects, scored
# exactly as plankit-eval scores the repair stage (plankit-eval --score).
#
#   Tools/repair/hunspell-compare.sh [--seed N] [--docs 1,2,3,4] [--kinds 0,a,b,c,d] [--reference FILE]
#
# Seed 000 is scored against --reference (default Fixtures/repair/000_reference.txt) when it exists.
#
# Installs hunspell and hunspell-vi with apt-get when missing. The dictionary is GPL and is
# never copied into the repository. Run from anywhere; works in the package root.
set -euo pipefail
cd "$(dirname "$0")/../.."

seed=1 docs=1,2,3,4 kinds=0,a,b,c,d reference=Fixtures/repair/000_reference.txt
while [ $# -gt 0 ]; do
    case "$1" in
        --seed) seed=$2; shift 2 ;;
        --docs) docs=$2; shift 2 ;;
        --kinds) kinds=$2; shift 2 ;;
        --reference) reference=$2; shift 2 ;;
        *) echo "usage: $0 [--seed N] [--docs 1,2,3,4] [--kinds 0,a,b,c,d] [--reference FILE]" >&2; exit 2 ;;
    esac
done

if ! command -v hunspell >/dev/null || [ ! -f /usr/share/hunspell/vi_VN.dic ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hunspell hunspell-vi >/dev/null
fi

swift build -c release --product plankit-eval >/dev/null
eval=.build/release/plankit-eval
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "hunspell $(hunspell -v | head -1 | sed 's/.*Hunspell //; s/)//'), dictionary $(dpkg-query -W -f='${Package} ${Version}' hunspell-vi 2>/dev/null || echo vi_VN), first suggestion"
echo "damage seed $seed; the same damaged texts as 'plankit-eval --seed $seed'"
"$eval" --write-damaged "$work" --seed "$seed" --docs "$docs" --kinds "$kinds"
for dir in "$work"/*/; do
    kind=$(basename "$dir")
    for damaged in "$dir"*.damaged.txt; do
        name=$(basename "$damaged" .damaged.txt)
        python3 Tools/repair/hunspell_first.py < "$damaged" > "$dir$name.hunspell.txt"
        printf '%s %s  ' "$kind" "$name"
        "$eval" --score "$damaged" "$dir$name.hunspell.txt" "$dir$name.original.txt"
    done
    # Scores are sums over lines, so the kind's total is the score of the files put end to end.
    for part in damaged hunspell original; do cat "$dir"*."$part".txt > "$work/$kind.all.$part"; done
    printf '%s all  ' "$kind"
    "$eval" --score "$work/$kind.all.damaged" "$work/$kind.all.hunspell" "$work/$kind.all.original"
done

seed000=Fixtures/seeds/000_a9439903c9056b27.txt
if [ -f "$reference" ]; then
    python3 Tools/repair/hunspell_first.py < "$seed000" > "$work/000.hunspell.txt"
    printf '000 (against %s)  ' "$reference"
    "$eval" --score "$seed000" "$work/000.hunspell.txt" "$reference"
else
    echo "000: $reference is missing; seed 000 not scored"
fi
