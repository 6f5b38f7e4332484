#!/bin/sh
# build.sh — rebuild the default font set that package fonts embeds.
#
#   fonts/build.sh [OUT] [TEXT...]          build into OUT (default: this folder), then check
#   fonts/build.sh --check [OUT] [TEXT...]  only check the fonts already in OUT
#
# Sources are two Debian 12 (bookworm) packages, fetched with `apt-get download` and
# unpacked with `dpkg -x` (nothing is installed from them):
#   texlive-lang-chinese  Fandol 0.3: FandolFang / FandolHei / FandolKai (CID-keyed CFF .otf)
#   fonts-noto-cjk        Noto Serif CJK, face 2 (SC) of NotoSerifCJK-{Regular,Bold}.ttc
# Each font is subset with fontTools (cmap-reachable glyphs only, no layout tables, no
# hinting), converted to TrueType outlines by fontforge (gopdf embeds only TrueType), then
# tidied with fontTools (post format 3, fixed timestamps) so that rebuilds are byte-identical.
# The check step prints size, glyph count and coverage of GB2312 and of every TEXT file.
#
# Needs: apt-get, dpkg, fontforge (fontforge-nox), /usr/bin/python3 with fontTools
# (python3-fonttools). Missing tools are installed with apt-get when run as root.
# Downloaded .debs are kept in $FONTS_CACHE (default ~/.cache/gen-fonts) and reused.
set -eu

TEXLIVE_VERSION=${TEXLIVE_VERSION:-2022.20230122-1}
NOTO_VERSION=${NOTO_VERSION:-1:20220127+repack1-1}
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1674345600} # 2023-01-22: fixed, for reproducible files
export SOURCE_DATE_EPOCH
PY=/usr/bin/python3 # Debian's python, where python3-fonttools lives (not a pyenv shim)

CHECK_ONLY=0
if [ "${1:-}" = "--check" ]; then CHECK_ONLY=1; shift; fi
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
[ $# -gt 0 ] && shift
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# check OUT TEXT... — size, glyphs and coverage of the five fonts.
check() {
	"$PY" - "$@" <<'PY'
import os, sys, unicodedata
from fontTools.ttLib import TTFont
out, texts = sys.argv[1], sys.argv[2:]

def gb2312(rows):
    s = []
    for b1 in rows:
        for b2 in range(0xA1, 0xFF):
            try:
                s.append(bytes([b1, b2]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return s

l1, l2 = gb2312(range(0xB0, 0xD8)), gb2312(range(0xD8, 0xF8))
assert (len(l1), len(l2)) == (3755, 3008), (len(l1), len(l2))
sets = [('GB2312 L1', l1), ('GB2312 L2', l2)]
for t in texts:
    chars = sorted({c for c in open(t, encoding='utf-8').read()
                    if not c.isspace() and unicodedata.category(c)[0] != 'C'})
    sets.append((os.path.basename(t), chars))
bad = 0
for name in ('NotoSerifSC-Bold', 'FandolFang-Regular', 'FandolHei-Regular',
             'FandolKai-Regular', 'NotoSerifSC-Regular'):
    p = os.path.join(out, name + '.ttf')
    f = TTFont(p, lazy=True)
    cmap = f['cmap'].getcmap(3, 1)
    if f.sfntVersion != '\0\1\0\0' or cmap is None or cmap.format != 4:
        print(f'{name}: not TrueType with a (3,1) format-4 cmap'); bad += 1; continue
    have = f.getBestCmap()
    cols = []
    for label, chars in sets:
        miss = [c for c in chars if ord(c) not in have]
        bad += bool(miss)
        cols.append(f'{label} {len(chars) - len(miss)}/{len(chars)}'
                    + (f' (missing {"".join(miss[:20])}{"…" if len(miss) > 20 else ""})' if miss else ''))
    print(f'{name}.ttf  {os.path.getsize(p):>10,} B  {f["maxp"].numGlyphs:>6,} glyphs  '
          f'{len(have):>6,} chars  ' + '  '.join(cols))
sys.exit(1 if bad else 0)
PY
}

if [ $CHECK_ONLY = 1 ]; then check "$OUT" "$@"; exit; fi

need=""
command -v fontforge >/dev/null 2>&1 || need="$need fontforge-nox"
"$PY" -c 'import fontTools' 2>/dev/null || need="$need python3-fonttools"
if [ -n "$need" ]; then
	if [ "$(id -u)" != 0 ]; then echo "build.sh: please install:$need" >&2; exit 1; fi
	apt-get install -y --no-install-recommends $need >/dev/null
fi

CACHE=${FONTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gen-fonts}
mkdir -p "$CACHE"
W=$(mktemp -d)
chmod 755 "$W" # apt downloads as the _apt user, which must reach the folder
trap 'rm -rf "$W"' EXIT INT TERM

# fetch PACKAGE VERSION — the .deb in $CACHE, downloaded once.
fetch() {
	deb=$(ls "$CACHE/$1_"*"_all.deb" 2>/dev/null | while read -r f; do
		[ "$(dpkg-deb -f "$f" Version)" = "$2" ] && echo "$f"; done | head -n 1)
	if [ -z "$deb" ]; then
		d=$(mktemp -d "$W/dl.XXXX")
		# apt downloads as the _apt user: let it write into the folder.
		if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$d"; fi
		(cd "$d" && apt-get download -q "$1=$2" >/dev/null)
		mv "$d"/*.deb "$CACHE/"
		deb=$(ls "$CACHE/$1_"*"_all.deb" | while read -r f; do
			[ "$(dpkg-deb -f "$f" Version)" = "$2" ] && echo "$f"; done | head -n 1)
	fi
	echo "$(basename "$deb")" >&2
	dpkg -x "$deb" "$W/root"
}
fetch texlive-lang-chinese "$TEXLIVE_VERSION"
fetch fonts-noto-cjk "$NOTO_VERSION"
FANDOL=$W/root/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
NOTO=$W/root/usr/share/fonts/opentype/noto

# Character lists for the two Noto subsets.
"$PY" - "$W" <<'PY'
import sys
w = sys.argv[1]
def decode_all(codec, lead, trail):
    out = []
    for b1 in lead:
        for b2 in trail:
            try:
                out.append(bytes([b1, b2]).decode(codec))
            except UnicodeDecodeError:
                pass
    return ''.join(out)
def ranges(*rs):
    return ''.join(chr(c) for a, b in rs for c in range(a, b))
latin = ranges((0x20, 0x7F), (0xA0, 0x100))
# Title: GB2312 (hanzi and its symbols), ASCII, Latin-1, general punctuation, CJK symbols
# and punctuation, ①–⑳ and friends, full-width forms. The fallback covers everything else.
title = latin + decode_all('gb2312', range(0xA1, 0xF8), range(0xA1, 0xFF)) + ranges(
    (0x2000, 0x2070), (0x2460, 0x2500), (0x3000, 0x3040), (0xFE30, 0xFE50), (0xFF00, 0xFFF0))
# Fallback: all of GBK, plus every BMP CJK block (URO, Ext A, compatibility ideographs,
# radicals, strokes, enclosed), pinyin letters, Greek, Cyrillic and common symbols.
# No Ext B–G: they cost ~1 MB, and gopdf writes a wrong ToUnicode for them anyway.
fallback = latin + decode_all('gbk', range(0x81, 0xFF), range(0x40, 0xFF)) + ranges(
    (0x100, 0x250), (0x2B0, 0x300), (0x370, 0x400), (0x400, 0x460),
    (0x2000, 0x2070), (0x2100, 0x2300), (0x2460, 0x2700), (0x2E80, 0x2FE0), (0x2FF0, 0x3000),
    (0x3000, 0x3100), (0x3100, 0x3200), (0x3200, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00),
    (0xFE10, 0xFE20), (0xFE30, 0xFE70), (0xFF00, 0xFFF0))
open(f'{w}/title.txt', 'w', encoding='utf-8').write(title)
open(f'{w}/fallback.txt', 'w', encoding='utf-8').write(fallback)
PY

# subset IN OUT [ARGS...] — keep only glyphs reachable from the cmap, drop what gopdf ignores.
subset() {
	in=$1 out=$2; shift 2
	"$PY" -m fontTools.subset "$in" "$@" --layout-features= --no-hinting \
		--drop-tables+=GSUB,GPOS,GDEF,BASE,VORG,vhea,vmtx --name-IDs='*' --name-languages='*' \
		--output-file="$out"
}
subset "$NOTO/NotoSerifCJK-Bold.ttc" "$W/NotoSerifSC-Bold.otf" --font-number=2 --text-file="$W/title.txt"
subset "$NOTO/NotoSerifCJK-Regular.ttc" "$W/NotoSerifSC-Regular.otf" --font-number=2 --text-file="$W/fallback.txt"
for f in FandolFang-Regular FandolHei-Regular FandolKai-Regular; do
	subset "$FANDOL/$f.otf" "$W/$f.otf" --unicodes='*'
done

# CFF (cubic) to TrueType (quadratic) outlines; CID-keyed fonts are flattened first.
for f in NotoSerifSC-Bold NotoSerifSC-Regular FandolFang-Regular FandolHei-Regular FandolKai-Regular; do
	fontforge -quiet -lang=ff -c 'Open($1); if ($iscid); CIDFlatten(); endif; SelectAll(); SetFontOrder(2); Generate($2)' \
		"$W/$f.otf" "$W/$f.ttf" 2>/dev/null
done

# Tidy: name and OS/2 tables from the source, no glyph names (post format 3), no
# FontForge/layout tables, no Mac cmap, timestamps from the source font and
# SOURCE_DATE_EPOCH; then move into OUT.
"$PY" - "$W" "$OUT" <<'PY'
import os, sys
from fontTools.ttLib import TTFont
from fontTools.misc.timeTools import timestampNow
w, out = sys.argv[1:]
for name in ('NotoSerifSC-Bold', 'NotoSerifSC-Regular', 'FandolFang-Regular',
             'FandolHei-Regular', 'FandolKai-Regular'):
    f = TTFont(f'{w}/{name}.ttf')
    src = TTFont(f'{w}/{name}.otf', lazy=True)
    assert f.sfntVersion == '\0\1\0\0' and 'glyf' in f, name
    for t in ('FFTM', 'GDEF', 'GSUB', 'GPOS', 'BASE', 'vhea', 'vmtx', 'DSIG'):
        if t in f:
            del f[t]
    f['post'].formatType = 3.0
    f['post'].extraNames, f['post'].mapping = [], {}
    f['cmap'].tables = [t for t in f['cmap'].tables if t.platformID != 1]
    assert f['cmap'].getcmap(3, 1) is not None and f['cmap'].getcmap(3, 1).format == 4, name
    f['name'] = src['name']  # fontforge takes the PostScript name from the CFF, which the TTC faces share
    f['OS/2'] = src['OS/2']  # fontforge writes version 1, losing sCapHeight and sxHeight
    os2, cmap, glyf = f['OS/2'], f.getBestCmap(), f['glyf']
    if os2.version >= 2 and not os2.sCapHeight:  # Fandol leaves them 0: measure H and x
        os2.sCapHeight = glyf[cmap[ord('H')]].yMax
        os2.sxHeight = glyf[cmap[ord('x')]].yMax
    f['head'].created = src['head'].created
    f['head'].modified = timestampNow()
    tmp = f'{out}/.{name}.ttf.tmp'
    f.save(tmp, reorderTables=True)
    os.replace(tmp, f'{out}/{name}.ttf')
PY

# Page numbers ("— 1 —", 宋体 stand-in): a digits-and-dashes subset of the fallback, so a
# PDF does not carry the fallback's full 30k-glyph tables just for its page numbers.
"$PY" -m fontTools.subset "$OUT/NotoSerifSC-Regular.ttf" --no-hinting --layout-features= \
	--text="0123456789—–- IVXLCDMivxlcdm" --name-IDs='*' --name-languages='*' \
	--output-file="$OUT/NotoSerifSC-PageNum.ttf"

# Licences: the GPL text shipped with Fandol and the OFL with Noto CJK's copyright line.
zcat "$W/root/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz" >"$OUT/LICENSE-Fandol-GPL-3.0.txt"
cp "$W/root/usr/share/doc/texlive-doc/fonts/fandol/README" "$OUT/README-Fandol.txt"
{
	echo "Noto Serif CJK SC (NotoSerifSC-Bold.ttf, NotoSerifSC-Regular.ttf; subset and converted"
	echo "to TrueType outlines by fonts/build.sh from Debian fonts-noto-cjk $NOTO_VERSION)."
	"$PY" -c 'import sys; from fontTools.ttLib import TTFont; print(TTFont(sys.argv[1], fontNumber=2, lazy=True)["name"].getDebugName(0))' \
		"$NOTO/NotoSerifCJK-Regular.ttc"
	echo "Upstream: https://github.com/notofonts/noto-cjk"
	echo
	echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
	echo "This license is copied below, and is also available with a FAQ at:"
	echo "https://openfontlicense.org"
	echo
	# The body of the "License: SIL-1.1" stanza of Debian's copyright file, unindented.
	sed -n '/^License: SIL-1.1$/,/^$/{/^ /p}' "$W/root/usr/share/doc/fonts-noto-cjk/copyright" |
		sed -e 's/^ //' -e 's/^\.$//'
} >"$OUT/LICENSE-NotoCJK-OFL-1.1.txt"

ls -l "$OUT"/*.ttf "$OUT"/LICENSE-*.txt "$OUT"/README-Fandol.txt
check "$OUT" "$@"
