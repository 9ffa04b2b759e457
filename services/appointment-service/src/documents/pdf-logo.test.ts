import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import PNG from 'png-js';
import { renderAppointmentPdf } from './appointment-pdf.ts';
import { appointment } from './fixtures.ts';
import { pdfReadyLogo } from './pdf-logo.ts';

const demoLogo = readFileSync(new URL('../../assets/demo-clinic-logo.png', import.meta.url));
const decoded = (png: Buffer) => {
  const image = new PNG(png);
  return new Promise<{ image: PNG; rgba: Uint8Array }>((resolve) => image.decode((rgba) => resolve({ image, rgba })));
};

describe('the logo as PDFs embed it', () => {
  it('lays a logo with transparency on white once: an opaque RGB PNG of the same size and look', async () => {
    const original = await decoded(demoLogo);
    assert.ok(original.image.hasAlphaChannel, 'the demo logo has an alpha channel');
    const ready = await pdfReadyLogo(demoLogo);
    const flattened = await decoded(ready);
    assert.equal(flattened.image.colorType, 2);
    assert.equal(flattened.image.hasAlphaChannel, false);
    assert.deepEqual([flattened.image.width, flattened.image.height], [original.image.width, original.image.height]);
    let transparentPixels = 0;
    for (let i = 0; i < original.rgba.length; i += 4) {
      const alpha = original.rgba[i + 3]! / 255;
      if (alpha < 1) transparentPixels++;
      for (let channel = 0; channel < 3; channel++) {
        const onWhite = original.rgba[i + channel]! * alpha + 255 * (1 - alpha);
        assert.ok(Math.abs(flattened.rgba[i + channel]! - onWhite) <= 0.5, `pixel ${i / 4}, channel ${channel}`);
      }
    }
    assert.ok(transparentPixels > 0, 'the demo logo has transparent pixels, so the check means something');
  });

  it('is embedded in the PDF without a soft mask, which pdfkit made again for every PDF', async () => {
    const pdfWith = async (logo: Buffer) =>
      (
        await renderAppointmentPdf(appointment, {
          timeZone: 'Europe/Bucharest',
          language: 'en',
          clinic: { name: 'Clinica Demo', address: '', logo },
        })
      ).toString('latin1');
    const before = await pdfWith(demoLogo);
    assert.match(before, /\/Subtype \/Image/);
    assert.match(before, /\/SMask/);
    const after = await pdfWith(await pdfReadyLogo(demoLogo));
    assert.match(after, /\/Subtype \/Image/);
    assert.doesNotMatch(after, /\/SMask/);
  });

  it('leaves what pdfkit copies as it is: an opaque PNG, a JPEG', async () => {
    const opaque = await pdfReadyLogo(demoLogo);
    assert.equal(await pdfReadyLogo(opaque), opaque);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
    assert.equal(await pdfReadyLogo(jpeg), jpeg);
  });
});
