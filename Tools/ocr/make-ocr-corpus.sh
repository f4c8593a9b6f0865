#!/usr/bin/env bash
# Real-OCR corpus: prints plain-text plans onto A4 pages, degrades them the way a scanner does and
# reads them back with Tesseract (Vietnamese model), so that tests can use genuine OCR text
# without needing Tesseract themselves.
#
#   Tools/ocr/make-ocr-corpus.sh OUTDIR RENDER_SPEC FILE...
#
# RENDER_SPEC is FONT-LEVEL:
#   FONT   liberation (Liberation Serif 13, from fonts-liberation2), dejavu (DejaVu Serif 12),
#          dejavucond (DejaVu Serif Condensed 12), freeserif (FreeSerif 13), notoserif (Noto Serif 12)
#   LEVEL  mild, medium, harsh (rotation, resolution, blur, contrast, noise and JPEG quality; see
#          degrade_args)
# For each FILE (only *.txt; README* and *.facts are skipped) it writes
#   OUTDIR/NAME.SPEC.txt   Tesseract's text of the document, all pages read as one multi-page scan:
#                          Tesseract itself puts a form feed before the first line of each page
#                          after the first
#   OUTDIR/NAME.SPEC.conf  mean word confidence of each page, one number per line
# where NAME is the file's name without .txt. Seconds per page go to standard error, and a warning
# if Tesseract read a page as far more words than it holds (noise taken for text).
# KEEP_PAGES=DIR also keeps each page's JPEG, its clean text and its rotation there.
#
# Page: A4 at 200 dpi (1654 x 2339 px), margins 2 cm top and 3 cm left (about 2 cm right and
# bottom), text width 454 pt; pango wraps the lines, the wrapped layout is cut into pages of
# LINES_PER_PAGE (45) lines, and a paragraph may run over a page break as on paper. Blank lines are
# kept; a form feed in the text starts a new page.
# Deterministic: every random choice (noise seed, rotation) is derived from NAME, SPEC and the page
# number; ImageMagick and Tesseract run single-threaded (ImageMagick's OpenMP noise would not be
# repeatable, and the machine is shared).
# Needs Debian's tesseract-ocr tesseract-ocr-vie imagemagick pango1.0-tools fonts-liberation2
# fonts-dejavu-core fonts-dejavu-extra fonts-freefont-ttf fonts-noto-core.
set -euo pipefail

usage() { echo "usage: $0 OUTDIR RENDER_SPEC FILE..." >&2; exit 2; }
[ $# -ge 3 ] || usage
outdir=$1 spec=$2
shift 2

export OMP_THREAD_LIMIT=1 MAGICK_THREAD_LIMIT=1 LC_ALL=C.UTF-8
for tool in pango-view convert tesseract fc-match cksum; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing" >&2; exit 1; }
done
tesseract --list-langs 2>/dev/null | grep -qx vie || { echo "$0: tesseract-ocr-vie is missing" >&2; exit 1; }

# --- page geometry (pixels at 200 dpi) ------------------------------------------------------------
DPI=200 PAGE_W=1654 PAGE_H=2339
MARGIN_TOP=157 MARGIN_LEFT=236       # right and bottom: 157 (2 cm), what the width and 45 lines leave
TEXT_WIDTH_PT=454                      # (1654 - 236 - 157) px * 72 / 200
LINES_PER_PAGE=${LINES_PER_PAGE:-45}
PSM=6                                  # one uniform block of text; see Fixtures/ocr/README.md

font_part=${spec%%-*} level=${spec#*-}
[ "$font_part" != "$spec" ] || usage
case $font_part in
    liberation) font="Liberation Serif 13" ;;
    dejavu)     font="DejaVu Serif 12" ;;
    dejavucond) font="DejaVu Serif Condensed 12" ;;
    freeserif)  font="FreeSerif 13" ;;
    notoserif)  font="Noto Serif 12" ;;
    *) echo "$0: unknown font '$font_part' in spec '$spec'" >&2; exit 2 ;;
esac
case $level in mild|medium|harsh) ;; *) echo "$0: unknown level '$level' in spec '$spec'" >&2; exit 2 ;; esac

# Debian's fonts-liberation (1.07) has no Vietnamese letters such as ư, ạ, ế; fonts-liberation2
# has them and the same family name. Hide the old files so "Liberation Serif" is always 2.x.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cat >"$scratch/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>/usr/share/fonts/truetype/liberation/*</glob></rejectfont></selectfont>
</fontconfig>
EOF
export FONTCONFIG_FILE="$scratch/fonts.conf"
if [ "$font_part" = liberation ] && ! fc-match -f '%{file}' "Liberation Serif" | grep -q liberation2; then
    echo "$0: Liberation Serif 2.x (fonts-liberation2) is missing" >&2; exit 1
fi

# A number in [0, 2^31) from a string: the seed of every random choice.
hash() { printf '%s' "$1" | cksum | awk '{ print $1 % 2147483648 }'; }

# ImageMagick arguments that turn a clean page into a scan: a slight skew, the optics and sensor of
# a cheap scanner (the page is sampled at SCALE of 200 dpi, blurred, given grey paper and faded
# ink, sensor noise, and brought back to 200 dpi) and a low JPEG quality. Rotation angle and sign,
# and the noise seed, come from the page's own seed; the level fixes the ranges. Noise stays low:
# with more, Tesseract's global threshold falls inside the noise of a nearly blank page (a last
# page holding only the signature) and reads it as hundreds of words of garbage.
degrade_args() { # SEED
    local seed=$1 rmin rmax scale blur lvl noise quality
    case $level in
        #       rotation (deg)    sampled at  blur (sigma) +level (black,white)  noise (attenuate)  JPEG quality
        mild)   rmin=0.15 rmax=0.45 scale=75% blur=0.5 lvl="0%,100%" noise=0.4 quality=40 ;;
        medium) rmin=0.40 rmax=0.80 scale=60% blur=0.7 lvl="3%,97%"  noise=0.45 quality=25 ;;
        harsh)  rmin=0.60 rmax=1.00 scale=50% blur=0.8 lvl="4%,96%"  noise=0.5 quality=18 ;;
    esac
    local angle
    angle=$(awk -v s="$seed" -v a="$rmin" -v b="$rmax" 'BEGIN {
        f = (s % 1000) / 999; sign = (int(s / 1000) % 2) ? -1 : 1
        printf "%.2f", sign * (a + f * (b - a)) }')
    printf '%s\n' -seed "$seed" -colorspace Gray -background white -rotate "$angle" \
        -gravity center -extent "${PAGE_W}x${PAGE_H}" -resize "$scale" -blur "0x$blur" \
        +level "$lvl" -attenuate "$noise" +noise Gaussian -resize "${PAGE_W}x${PAGE_H}!" \
        -units PixelsPerInch -density "$DPI" -quality "$quality"
}

mkdir -p "$outdir"
for file in "$@"; do
    base=$(basename "$file")
    case $base in README*|*.facts|*.facts.*) echo "skip $file" >&2; continue ;; esac
    case $base in *.txt) ;; *) echo "skip $file (not .txt)" >&2; continue ;; esac
    name=${base%.txt}
    work="$scratch/$name"
    mkdir -p "$work"
    # A form feed (as pdftotext writes between pages) starts a new sheet; each part between form
    # feeds is paginated on its own. A last part of nothing but blanks is no page.
    npages=0 nlines=0 part=0
    while IFS= read -r -d $'\f' chunk || [ -n "$chunk" ]; do
        part=$((part + 1))
        src="$work/part$part.txt"
        if [ -n "$chunk" ]; then printf '%s' "$chunk" >"$src"; else printf ' ' >"$src"; fi
        # 1. Lay the part out once to learn where pango wraps: each layout line's byte offset.
        #    (pango-view drops one final newline; the text is kept byte for byte otherwise.)
        pango-view -q --font "$font" --language=vi --width="$TEXT_WIDTH_PT" --dpi="$DPI" --margin=0 \
            --serialize-to="$work/layout.json" -o "$work/layout.png" "$src"
        grep -o '"start-index" : [0-9]*' "$work/layout.json" | awk '{ print $3 }' >"$work/starts"
        n=$(wc -l <"$work/starts")
        size=$(wc -c <"$src")
        nlines=$((nlines + n))
        for ((first = 1; first <= n; first += LINES_PER_PAGE)); do
            next=$(( first + LINES_PER_PAGE ))
            start=$(sed -n "${first}p" "$work/starts")
            if [ "$next" -le "$n" ]; then end=$(sed -n "${next}p" "$work/starts"); else end=$size; fi
            page="$work/p$npages"
            # The page's bytes; a break at a paragraph end leaves its newline out of the page.
            # (head first: it reads a file and stops, where `tail | head` could die of SIGPIPE.)
            head -c "$end" "$src" | tail -c +"$((start + 1))" >"$page.txt"
            [ "$(tail -c 1 "$page.txt" | od -An -c | tr -d ' ')" = '\n' ] && truncate -s -1 "$page.txt"
            [ -s "$page.txt" ] || printf ' ' >"$page.txt"   # a page of blank lines still prints
            npages=$((npages + 1))
        done
    done <"$file"
    # Drop a final page that holds nothing but blanks (a text ending in a form feed).
    while [ "$npages" -gt 1 ] && ! grep -q '[^[:space:]]' "$work/p$((npages - 1)).txt"; do
        npages=$((npages - 1))
    done

    t0=$(date +%s.%N)
    : >"$work/pages.lst"
    for ((p = 0; p < npages; p++)); do
        page="$work/p$p"
        # 2. Print: the page's lines at their place on a white A4 sheet.
        pango-view -q --font "$font" --language=vi --width="$TEXT_WIDTH_PT" --dpi="$DPI" \
            --margin=0 -o "$page.png" "$page.txt"
        # (pango-view 1.50 rejects a four-value --margin, so the margins are added here.)
        convert "$page.png" -alpha remove -alpha off -background white -gravity northwest \
            -splice "${MARGIN_LEFT}x${MARGIN_TOP}" -extent "${PAGE_W}x${PAGE_H}" "$page.clean.png"
        # 3. Scan.
        seed=$(hash "$name|$spec|$p")
        mapfile -t args < <(degrade_args "$seed")
        angle=${args[7]}
        convert "$page.clean.png" "${args[@]}" "$page.jpg"
        echo "$page.jpg" >>"$work/pages.lst"
        if [ -n "${KEEP_PAGES:-}" ]; then
            mkdir -p "$KEEP_PAGES"
            cp "$page.jpg" "$KEEP_PAGES/$name.$spec.p$p.jpg"
            cp "$page.txt" "$KEEP_PAGES/$name.$spec.p$p.txt"
            echo "$angle" >"$KEEP_PAGES/$name.$spec.p$p.angle"
        fi
    done
    t1=$(date +%s.%N)
    # 4. Read back all pages as one scanned document (Tesseract puts a form feed between pages);
    #    text and word boxes in one pass.
    tesseract "$work/pages.lst" "$work/ocr" -l vie --psm "$PSM" --dpi "$DPI" txt tsv 2>/dev/null
    t2=$(date +%s.%N)
    cp "$work/ocr.txt" "$outdir/$name.$spec.txt"
    awk -F'\t' -v pages="$npages" 'NR > 1 && $1 == 5 && $11 >= 0 && $12 ~ /[^ ]/ { s[$2] += $11; n[$2]++ }
        END { for (p = 1; p <= pages; p++) printf "%.1f\n", n[p] ? s[p] / n[p] : 0 }' \
        "$work/ocr.tsv" >"$outdir/$name.$spec.conf"
    # A page read as far more words than it holds is noise taken for text: say so.
    for ((p = 0; p < npages; p++)); do
        printed=$(wc -w <"$work/p$p.txt")
        read_=$(awk -F'\t' -v p=$((p + 1)) 'NR > 1 && $1 == 5 && $2 == p && $12 ~ /[^ ]/ { n++ } END { print n + 0 }' "$work/ocr.tsv")
        if [ "$read_" -gt $((2 * printed + 20)) ]; then
            echo "$name.$spec: warning: page $((p + 1)) has $printed words printed and $read_ read" >&2
        fi
    done
    awk -v n="$name" -v s="$spec" -v p="$npages" -v l="$nlines" -v a="$t0" -v b="$t1" -v c="$t2" \
        'BEGIN { printf "%s.%s: %d lines, %d pages, s/page: %.2f render+degrade, %.2f OCR\n",
                 n, s, l, p, (b - a) / p, (c - b) / p }' >&2
done
