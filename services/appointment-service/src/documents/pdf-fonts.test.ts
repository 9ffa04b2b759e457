import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { create, type Font } from 'fontkit';
import { parsedFont } from './pdf-fonts.ts';

/** The same font file, as fontkit gives it with nothing remembered. */
const plainFont = (name: string) => create(readFileSync(fileURLToPath(import.meta.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`)))) as Font;

const TEXTS = [
  'Ștefan Țăranu',
  'Confirmed office fittings',
  'Programare anulată',
  'AVATAR Ta Yo',
  'ÂĂÎȘȚ âăîșț',
  '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
];

const laidOut = (font: Font, text: string) => {
  const run = font.layout(text);
  return {
    ids: run.glyphs.map((glyph) => glyph.id),
    positions: run.positions.map((position) => ({ ...position })),
    width: run.advanceWidth,
  };
};

/** The subset a PDF would embed for these texts, encoded. */
function subsetOf(font: Font, texts: string[]): Buffer {
  const subset = font.createSubset();
  for (const text of texts) for (const glyph of font.layout(text).glyphs) subset.includeGlyph(glyph);
  return Buffer.from(subset.encode());
}

describe('the PDF fonts', () => {
  it('lay text out as fontkit does, every time, however a caller changed the positions it was given', () => {
    const font = parsedFont('DejaVuSans');
    const plain = plainFont('DejaVuSans');
    for (const text of TEXTS) {
      const expected = laidOut(plain, text);
      assert.deepEqual(laidOut(font, text), expected, text);
      // pdfkit scales the positions of a run in place.
      for (const position of font.layout(text).positions) position.xAdvance *= 1000;
      assert.deepEqual(laidOut(font, text), expected, `${text}, laid out again`);
    }
  });

  it('embed the same bytes as fontkit, the first time and every time after', () => {
    for (const name of ['DejaVuSans', 'DejaVuSans-Bold']) {
      const font = parsedFont(name);
      const expected = subsetOf(plainFont(name), TEXTS);
      assert.ok(expected.length > 1_000);
      assert.deepEqual(subsetOf(font, TEXTS), expected, name);
      assert.deepEqual(subsetOf(font, TEXTS.slice(0, 2)), subsetOf(plainFont(name), TEXTS.slice(0, 2)), `${name}, fewer glyphs`);
      assert.deepEqual(subsetOf(font, TEXTS), expected, `${name}, again`);
    }
  });
});
