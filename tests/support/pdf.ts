import { execFileSync } from 'node:child_process';

/**
 * The text of a PDF as a reader sees it, through poppler's `pdftotext` (poppler-utils, which `.ci/run`
 * installs): the appointment PDFs embed a subset of their font, so their text is glyph ids that only
 * the font's ToUnicode map turns back into letters. Runs of spaces and line breaks become one space, so
 * a value wrapped over two lines still reads as one.
 */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 16 * 1024 * 1024 })
    .toString('utf8')
    .replace(/\s+/gu, ' ')
    .trim();
}
