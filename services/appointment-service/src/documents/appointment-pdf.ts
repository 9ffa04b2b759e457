import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Appointment, Language } from '@clinic/contracts';
import { parsedFont } from './pdf-fonts.ts';
import { detailRows, headingOf, labelsOf } from './pdf-labels.ts';

export { formatAppointmentTime, headingOf } from './pdf-labels.ts';

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
