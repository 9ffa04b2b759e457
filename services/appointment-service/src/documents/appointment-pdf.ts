import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Appointment, Language } from '@clinic/contracts';
import { detailRows, headingOf, labelsOf } from './pdf-labels.ts';

export { formatAppointmentTime, headingOf } from './pdf-labels.ts';

/**
 * DejaVu Sans (TrueType files of the npm package dejavu-fonts-ttf; Bitstream Vera licence with the
 * DejaVu changes in the public domain: free to embed), embedded as a subset of the glyphs used: it
 * covers Latin Extended-A and -B, so Romanian ă â î ș ț and Ă Â Î Ș Ț print intact, which the standard
 * PDF fonts (Windows-1252 only) cannot. Read and parsed once, at start-up: pdfkit parses a font file
 * it is given for every document, which was most of a PDF's CPU time (about 30 of 45 ms); a parsed
 * font it takes as it is, and each document still embeds its own subset.
 */
function parsedFont(name: string): Font {
  const font = create(readFileSync(fileURLToPath(import.meta.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`))));
  if (!('layout' in font)) throw new Error(`${name}.ttf is a font collection, not one font`);
  // fontkit keeps each glyph it made, with the characters it was made for, and pdfkit maps a PDF's
  // glyphs back to text by those characters. Embedding a composed letter (ș) makes its parts (s) as
  // glyphs of no character; kept, the next PDF's every s would read as nothing. Every glyph of a
  // character is made first, with its character; not the presentation forms from U+FB00 on (ﬁ, ﬂ,
  // Arabic forms), whose glyphs the layout makes of several characters (f and i) and must keep so.
  for (const codePoint of font.characterSet) if (codePoint < 0xfb00) font.glyphForCodePoint(codePoint);
  return font;
}
const REGULAR = parsedFont('DejaVuSans');
const BOLD = parsedFont('DejaVuSans-Bold');
/** pdfkit's types name files only; its font loader takes any object that lays text out (a fontkit font). */
const asFontSource = (font: Font) => font as unknown as PDFKit.Mixins.PDFFontSource;

/** Whose PDF it is: the clinic's name, address and logo (PNG or JPEG) in the header. */
export interface ClinicLetterhead {
  name: string;
  address: string;
  logo?: Buffer;
}

export interface PdfOptions {
  timeZone: string;
  language: Language;
  clinic: ClinicLetterhead;
}

const LEFT = 72;
const PAGE_WIDTH = 595.28;
const LABEL_WIDTH = 130;
const VALUE_WIDTH = PAGE_WIDTH - 2 * LEFT - LABEL_WIDTH;
const LOGO_SIZE = 56;

/** The clinic's logo at the top right, its name and address at the top left. */
function letterhead(doc: PDFKit.PDFDocument, clinic: ClinicLetterhead) {
  const top = doc.y;
  const textWidth = PAGE_WIDTH - 2 * LEFT - (clinic.logo ? LOGO_SIZE + 12 : 0);
  if (clinic.logo) doc.image(clinic.logo, PAGE_WIDTH - LEFT - LOGO_SIZE, top, { fit: [LOGO_SIZE, LOGO_SIZE] });
  doc.font('Bold').fontSize(14).fillColor('#000000').text(clinic.name, LEFT, top, { width: textWidth });
  if (clinic.address) doc.font('Regular').fontSize(10).fillColor('#555555').text(clinic.address, { width: textWidth });
  doc.y = Math.max(doc.y, clinic.logo ? top + LOGO_SIZE : 0);
  doc.moveDown(1.5);
}

/** The appointment's one-page PDF, as the patient gets it, in their language. Uncompressed, so its text can be checked. */
export async function renderAppointmentPdf(appointment: Appointment, { timeZone, language, clinic }: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: LEFT,
    compress: false,
    lang: language,
    // The document's first font: without one pdfkit loads Helvetica's metrics for every document.
    font: asFontSource(REGULAR) as string,
    info: { Title: `${labelsOf(language).document} ${appointment.id}`, Author: clinic.name },
  });
  doc.registerFont('Regular', asFontSource(REGULAR));
  doc.registerFont('Bold', asFontSource(BOLD));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  letterhead(doc, clinic);
  const { title, notice } = headingOf(appointment.status, language);
  doc.font('Bold').fontSize(22).fillColor('#000000').text(title).moveDown(1);
  if (notice) doc.font('Bold').fontSize(16).fillColor('#b00020').text(notice).moveDown(1);
  doc.fillColor('#000000').fontSize(11);

  for (const [label, value] of detailRows(appointment, timeZone, language)) {
    const top = doc.y;
    doc.font('Bold').text(label, LEFT, top, { width: LABEL_WIDTH });
    const labelBottom = doc.y;
    doc.font('Regular').text(value, LEFT + LABEL_WIDTH, top, { width: VALUE_WIDTH });
    doc.y = Math.max(doc.y, labelBottom) + 8;
  }
  doc.end();
  return done;
}
