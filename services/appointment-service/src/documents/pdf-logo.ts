import { crc32, deflateSync } from 'node:zlib';
import PNG from 'png-js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** PNG colour type 2: RGB, no alpha. */
const RGB = 2;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An RGB PNG of the pixels laid on white, each row unfiltered. */
function rgbOnWhite(width: number, height: number, rgba: Uint8Array): Buffer {
  const rowBytes = 1 + width * 3;
  const rows = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = y * rowBytes + 1 + x * 3;
      const alpha = rgba[from + 3]! / 255;
      for (let channel = 0; channel < 3; channel++) rows[to + channel] = Math.round(rgba[from + channel]! * alpha + 255 * (1 - alpha));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, RGB, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The clinic's logo as pdfkit embeds it cheapest, made once at start-up. pdfkit copies a JPEG, or an
 * opaque PNG's compressed rows, into each PDF as they are; a PNG with transparency (an alpha channel, a
 * transparent palette entry) or interlaced rows it decodes pixel by pixel and compresses again for
 * every PDF, which for the 128-pixel demo logo was over a third of a PDF's time (5.7 ms against 3.6)
 * and grows with the logo's size.
 * Such a logo is laid on white once here, as the page under it is white: the PDF looks the same.
 */
export async function pdfReadyLogo(logo: Buffer): Promise<Buffer> {
  if (!logo.subarray(0, 8).equals(PNG_SIGNATURE)) return logo;
  const png = new PNG(logo);
  // png-js fills `transparency` only from a tRNS chunk.
  const transparent = png.hasAlphaChannel || Object.keys(png.transparency).length > 0;
  // Samples of other than 8 bits (16-bit, or 1- to 4-bit palettes) are left to pdfkit as they are.
  if (png.bits !== 8 || (!transparent && png.interlaceMethod !== 1)) return logo;
  const rgba = await new Promise<Uint8Array>((resolve) => png.decode(resolve));
  return rgbOnWhite(png.width, png.height, rgba);
}
