#!/usr/bin/python3
"""Writes the tiny test fonts of this folder (run from here with Debian's python3-fonttools):

  tiny.ttf      TrueType outlines, glyphs for A 一 ，   (for quick tests and fuzz seeds)
  tiny-cff.otf  the same with CFF outlines ("OTTO"), which fontset must refuse
"""
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

CHARS = {'A': 0x41, 'yi': 0x4E00, 'comma': 0xFF0C}
ADV = {'.notdef': 500, 'A': 600, 'yi': 1000, 'comma': 1000}


def box(pen, x0, y0, x1, y1):
    pen.moveTo((x0, y0)); pen.lineTo((x0, y1)); pen.lineTo((x1, y1)); pen.lineTo((x1, y0)); pen.closePath()


def draw(pen, name):
    {'.notdef': lambda: box(pen, 50, 0, 450, 700), 'A': lambda: box(pen, 50, 0, 550, 700),
     'yi': lambda: box(pen, 50, 350, 950, 420), 'comma': lambda: box(pen, 100, -100, 200, 100)}[name]()


def build(path, ttf):
    order = ['.notdef', 'A', 'yi', 'comma']
    fb = FontBuilder(1000, isTTF=ttf)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({cp: n for n, cp in CHARS.items()})
    if ttf:
        glyphs = {}
        for n in order:
            pen = TTGlyphPen(None); draw(pen, n); glyphs[n] = pen.glyph()
        fb.setupGlyf(glyphs)
    else:
        charstrings = {}
        for n in order:
            pen = T2CharStringPen(ADV[n], None); draw(pen, n); charstrings[n] = pen.getCharString()
        fb.setupCFF('TinyCFF-Regular', {'FullName': 'Tiny CFF'}, charstrings, {})
    metrics = {}
    glyphTable = fb.font['glyf'] if ttf else None
    for n in order:
        lsb = glyphTable[n].xMin if ttf and hasattr(glyphTable[n], 'xMin') else 50
        metrics[n] = (ADV[n], lsb)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    name = 'Tiny' if ttf else 'TinyCFF'
    fb.setupNameTable({'familyName': name, 'styleName': 'Regular', 'psName': name + '-Regular'})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.font.save(path)


build('tiny.ttf', True)
build('tiny-cff.otf', False)
