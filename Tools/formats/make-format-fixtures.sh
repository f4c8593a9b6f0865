#!/usr/bin/env bash
# Format fixtures: clean plain-text plans turned into the files an archive holds, so that tests and
# `plankit-eval --formats` can read PDFs, scans, page images and Word files with known facts.
#
#   Tools/formats/make-format-fixtures.sh [OUTDIR]        (default Fixtures/formats)
#
# For each plan in PLANS below (the text and its hand-written .facts stay where they are, in
# Fixtures/plans/), it writes to OUTDIR:
#   NAME.docx       Word document: pandoc from HTML laid out by plan-to-html.py (one paragraph per
#                   line; the header and the closing as borderless two-column tables, as typed
#                   administrative documents are), Times New Roman 13 pt, single spacing
#   NAME.pdf        typed PDF: that .docx exported by LibreOffice (as "Save as PDF" in an office)
#   NAME.scan.pdf   scanned PDF with no text layer: the typed PDF's pages rendered at 200 dpi,
#                   skewed, blurred, speckled and thresholded to black and white as a sheet-fed
#                   scanner in its text mode does, CCITT G4 pages wrapped by img2pdf
# and for the first plan only:
#   NAME.tiff       the scanned pages as one multi-page G4 TIFF (a scanner's "scan to file")
#   NAME.mixed.pdf  the typed PDF's pages 1-2, then the scanned PDF's pages 3 on (a file scanned in part)
#   NAME.p1.png     page 1 alone, black and white PNG
#   NAME.p1.jpg     page 1 alone, greyscale JPEG at 150 dpi (quality 35), with grey paper and sensor noise
#   NAME.odt        OpenDocument text (pandoc)
#   NAME.doc        Word 97-2003 (LibreOffice from the .docx)
# and plans.tsv: each NAME with the path of its clean text (whose .facts sit beside it).
#
# Every random choice (skew angle, noise seed) is derived from the name and the page, so a re-run
# draws the same scans; the PDFs LibreOffice and img2pdf write carry creation dates, so their bytes
# differ between runs while their pages do not.
#
# Made with (Debian 12): pandoc 2.17.1.1, LibreOffice 7.4.7.2, poppler-utils 22.12.0, ImageMagick
# 6.9.11-60, img2pdf 0.4.4, fonts-liberation2 2.1.5 (Liberation Serif stands for Times New Roman):
#   apt-get install pandoc libreoffice-writer poppler-utils imagemagick img2pdf fonts-liberation2
# Licences: the plans are invented for testing (Fixtures/plans/README.md) and, like these files
# made from them, part of this repository; the tools only converted them.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-Fixtures/formats}
PLANS=(
    Fixtures/plans/holdout6/703-xa-my-thuan-nam-2024.txt
    Fixtures/plans/holdout6/701-tinh-vinh-ninh-2021-2030.txt
    Fixtures/plans/holdout6/704-tp-bao-an-nam-2025.txt
)
export OMP_THREAD_LIMIT=1 MAGICK_THREAD_LIMIT=1 LC_ALL=C.UTF-8
for tool in pandoc soffice pdftoppm convert img2pdf python3 zip unzip cksum; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing" >&2; exit 1; }
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$out"

# The reference .docx: pandoc's own, with Times New Roman 13 pt, single-spaced paragraphs 3 pt apart.
mkdir "$scratch/ref"
pandoc -o "$scratch/ref.docx" --print-default-data-file reference.docx
(cd "$scratch/ref" && unzip -q ../ref.docx && python3 - <<'PY'
import re
s = open("word/styles.xml", encoding="utf-8").read()
s = s.replace('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />',
              '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman" />')
s = s.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />', '<w:sz w:val="26" />\n        <w:szCs w:val="26" />', 1)
s = s.replace('<w:spacing w:before="180" w:after="180" />', '<w:spacing w:before="0" w:after="60" />')
s = s.replace('<w:spacing w:after="200" />', '<w:spacing w:after="60" />', 1)
open("word/styles.xml", "w", encoding="utf-8").write(s)
PY
rm ../ref.docx && zip -q -X -r ../ref.docx .)

# A number in [0, 2^31) from a string: the seed of every random choice.
hash() { printf '%s' "$1" | cksum | awk '{ print $1 % 2147483648 }'; }
# The skew of a page: 0.2 to 0.8 degrees either way.
angle() { awk -v s="$1" 'BEGIN { printf "%.2f", ((int(s / 1000) % 2) ? -1 : 1) * (0.2 + (s % 1000) / 999 * 0.6) }'; }

: >"$out/plans.tsv"
first=1
for plan in "${PLANS[@]}"; do
    name=$(basename "$plan" .txt)
    work="$scratch/$name"
    mkdir -p "$work"
    printf '%s\t%s\n' "$name" "$plan" >>"$out/plans.tsv"
    python3 Tools/formats/plan-to-html.py "$plan" >"$work/$name.html"
    pandoc -f html -t docx --reference-doc="$scratch/ref.docx" -o "$out/$name.docx" "$work/$name.html"
    soffice -env:UserInstallation="file://$scratch/profile" --headless --convert-to pdf --outdir "$work" \
        "$out/$name.docx" >/dev/null 2>&1
    cp "$work/$name.pdf" "$out/$name.pdf"
    # Scan: every page at 200 dpi, skewed, blurred, speckled, thresholded to 1 bit, G4.
    pdftoppm -r 200 -gray -png "$work/$name.pdf" "$work/page"
    pages=()
    for png in $(ls "$work"/page-*.png | sort -V); do
        p=$(basename "$png" .png); p=${p#page-}
        seed=$(hash "$name|$p")
        convert "$png" -seed "$seed" -background white -rotate "$(angle "$seed")" +repage \
            -gravity center -extent 1654x2339 +repage -blur 0x0.8 -attenuate 0.35 +noise Gaussian \
            -threshold 55% -type bilevel -compress Group4 -units PixelsPerInch -density 200 "$work/scan-$p.tiff"
        pages+=("$work/scan-$p.tiff")
    done
    img2pdf --producer "" "${pages[@]}" -o "$out/$name.scan.pdf"
    if [ "$first" = 1 ]; then
        first=0
        convert "${pages[@]}" -compress Group4 "$out/$name.tiff"
        convert "${pages[0]}" -type bilevel "$out/$name.p1.png"
        seed=$(hash "$name|1|jpeg")
        convert "$work/page-1.png" -seed "$seed" -background white -rotate "$(angle "$seed")" +repage \
            -gravity center -extent 1654x2339 +repage -blur 0x0.6 +level 6%,92% -attenuate 0.2 +noise Gaussian -resize 75% \
            -units PixelsPerInch -density 150 -quality 35 "$out/$name.p1.jpg"
        # Mixed: the typed PDF's first two pages, then the scan's others (a file scanned in part).
        pdfseparate "$work/$name.pdf" "$work/typed-%d.pdf"
        pdfseparate "$out/$name.scan.pdf" "$work/scanned-%d.pdf"
        rest=()
        for f in $(ls "$work"/scanned-*.pdf | sort -V | tail -n +3); do rest+=("$f"); done
        pdfunite "$work/typed-1.pdf" "$work/typed-2.pdf" "${rest[@]}" "$out/$name.mixed.pdf"
        pandoc -f html -t odt -o "$out/$name.odt" "$work/$name.html"
        soffice -env:UserInstallation="file://$scratch/profile" --headless --convert-to doc --outdir "$work" \
            "$out/$name.docx" >/dev/null 2>&1
        cp "$work/$name.doc" "$out/$name.doc"
    fi
    echo "$name: $(ls "$work"/page-*.png | wc -l) pages" >&2
done
ls -l "$out" >&2
