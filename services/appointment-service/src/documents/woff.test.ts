import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { woffToSfnt } from './woff.ts';

const woff = readFileSync(fileURLToPath(import.meta.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff')));

/** An sfnt table's checksum: the sum of its 32-bit words, the last one padded with zeros. */
function checksum(table: Buffer): number {
  const words = Buffer.alloc((table.length + 3) & ~3);
  table.copy(words);
  let sum = 0;
  for (let i = 0; i < words.length; i += 4) sum = (sum + words.readUInt32BE(i)) >>> 0;
  return sum;
}

describe('woffToSfnt', () => {
  it('unpacks every table of the WOFF, each with the checksum the WOFF records for it', () => {
    const sfnt = woffToSfnt(woff);
    assert.equal(sfnt.readUInt32BE(0), woff.readUInt32BE(4), 'the flavour (TrueType)');
    const count = sfnt.readUInt16BE(4);
    assert.equal(count, woff.readUInt16BE(12));
    for (let i = 0; i < count; i++) {
      const entry = 12 + i * 16;
      const tag = sfnt.subarray(entry, entry + 4).toString('latin1');
      const offset = sfnt.readUInt32BE(entry + 8);
      assert.equal(offset % 4, 0, `${tag} starts on a 4-byte boundary`);
      const table = sfnt.subarray(offset, offset + sfnt.readUInt32BE(entry + 12));
      // head's checksum is taken with its checkSumAdjustment field zeroed.
      if (tag === 'head') table.writeUInt32BE(0, 8);
      assert.equal(checksum(table), sfnt.readUInt32BE(entry + 4), `${tag}'s checksum`);
    }
  });

  it('refuses a file that is not a WOFF', () => {
    assert.throws(() => woffToSfnt(Buffer.alloc(64)), /not a WOFF/);
  });
});
