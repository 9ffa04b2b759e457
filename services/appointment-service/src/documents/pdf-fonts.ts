import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create, type Font, type Glyph, type GlyphPosition, type GlyphRun } from 'fontkit';

/** A laid-out word as fontkit made it: its glyphs (fontkit's own, shared) and their positions (each caller gets copies). */
interface LaidOut {
  glyphs: Glyph[];
  positions: GlyphPosition[];
}

/** Distinct words kept before the memo starts over: labels, months, times and names, well under a kilobyte each. */
const LAYOUTS_KEPT = 2_048;

/** Longer words are laid out each time: an appointment's id (36 characters) or an email address is one PDF's alone. */
const LONGEST_KEPT = 24;

/**
 * DejaVu Sans (TrueType files of the npm package dejavu-fonts-ttf; Bitstream Vera licence with the
 * DejaVu changes in the public domain: free to embed), embedded as a subset of the glyphs used: it
 * covers Latin Extended-A and -B, so Romanian ă â î ș ț and Ă Â Î Ș Ț print intact, which the standard
 * PDF fonts (Windows-1252 only) cannot. Read and parsed once, at start-up: pdfkit parses a font file
 * it is given for every document, which was most of a PDF's CPU time (about 30 of 45 ms); a parsed
 * font it takes as it is, and each document still embeds its own subset.
 */
export function parsedFont(name: string): Font {
  const font = create(readFileSync(fileURLToPath(import.meta.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`))));
  if (!('layout' in font)) throw new Error(`${name}.ttf is a font collection, not one font`);
  rememberOutlines(font);
  rememberLayouts(font);
  // fontkit keeps each glyph it made, with the characters it was made for, and pdfkit maps a PDF's
  // glyphs back to text by those characters. Embedding a composed letter (ș) makes its parts (s) as
  // glyphs of no character; kept, the next PDF's every s would read as nothing. Every glyph of a
  // character is made first, with its character; not the presentation forms from U+FB00 on (ﬁ, ﬂ,
  // Arabic forms), whose glyphs the layout makes of several characters (f and i) and must keep so.
  for (const codePoint of font.characterSet) if (codePoint < 0xfb00) font.glyphForCodePoint(codePoint);
  return font;
}

/**
 * Each PDF embeds a subset of the font, and fontkit builds it by parsing every glyph's outline again
 * (all its points), only to learn whether the glyph is made of others: about a quarter of a PDF's
 * CPU. A glyph's outline never changes, so each glyph parses it once. fontkit's glyphs are reached
 * through `getGlyph` (its own code calls it too), and `_decode` is the parse: fontkit's, not part of
 * its typed interface, and pinned with it in the lockfile; the PDF tests read the embedded text back.
 */
function rememberOutlines(font: Font) {
  const getGlyph = font.getGlyph.bind(font);
  const remembered = new WeakSet<Glyph>();
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints) as (Glyph & { _decode?: () => unknown }) | null;
    if (glyph?._decode && !remembered.has(glyph)) {
      remembered.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let outline: { parsed: unknown } | undefined;
      glyph._decode = () => (outline ??= { parsed: decode() }).parsed;
    }
    return glyph as Glyph;
  };
}

/**
 * pdfkit lays each word out once per document (shaping: ligatures, kerning); every PDF repeats the
 * same labels, months and names, so the font keeps each plain layout across documents. pdfkit scales
 * the positions it is given in place, so each caller gets copies of them.
 */
function rememberLayouts(font: Font) {
  const layout = font.layout.bind(font);
  const laidOut = new Map<string, LaidOut>();
  font.layout = (text, ...options) => {
    if (text.length > LONGEST_KEPT || options.some((option) => option !== undefined)) return layout(text, ...options);
    let run = laidOut.get(text);
    if (!run) {
      const { glyphs, positions } = layout(text);
      run = { glyphs, positions };
      if (laidOut.size >= LAYOUTS_KEPT) laidOut.clear();
      laidOut.set(text, run);
    }
    return freshRun(run);
  };
}

/** A run as pdfkit reads one: its glyphs, positions of its own, and the advance of them all. */
function freshRun({ glyphs, positions }: LaidOut): GlyphRun {
  const copies = positions.map((position) => ({ ...position }));
  return {
    glyphs: [...glyphs],
    positions: copies,
    get advanceWidth() {
      return copies.reduce((width, position) => width + position.xAdvance, 0);
    },
  } as GlyphRun;
}
