/**
 * `/favicon.ico`, which browsers and bookmarking tools ask for whatever the page's `<link rel="icon">`
 * says: the web app's favicon.svg drawn as a 32×32 icon (a 32-bit bitmap in an ICO file), made in code
 * so the gateway has it with or without a built web app and no binary is kept in the repository.
 */

/** favicon.svg's shapes on its 64×64 canvas, bottom first: rounded rectangles with their colour. */
const SHAPES = [
  { x: 4, y: 10, w: 56, h: 50, r: 8, rgb: [0x0b, 0x5c, 0x8a] },
  { x: 4, y: 10, w: 56, h: 14, r: 8, rgb: [0x08, 0x46, 0x68] },
  { x: 16, y: 4, w: 6, h: 14, r: 3, rgb: [0x08, 0x46, 0x68] },
  { x: 42, y: 4, w: 6, h: 14, r: 3, rgb: [0x08, 0x46, 0x68] },
  // The white cross: its vertical and its horizontal bar.
  { x: 28, y: 30, w: 8, h: 24, r: 0, rgb: [0xff, 0xff, 0xff] },
  { x: 20, y: 38, w: 24, h: 8, r: 0, rgb: [0xff, 0xff, 0xff] },
] as const;

type Shape = (typeof SHAPES)[number];

function inside({ x, y, w, h, r }: Shape, px: number, py: number): boolean {
  if (px < x || px > x + w || py < y || py > y + h) return false;
  // Inside the rectangle; in a corner square, inside the corner's circle only.
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** The pixel's colour and coverage, from 4×4 samples (smooth edges). */
function pixel(column: number, row: number, size: number): [number, number, number, number] {
  const samples = 4;
  const scale = 64 / size;
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const px = (column + (sx + 0.5) / samples) * scale;
      const py = (row + (sy + 0.5) / samples) * scale;
      const top = SHAPES.findLast((shape) => inside(shape, px, py));
      if (!top) continue;
      top.rgb.forEach((value, channel) => (sum[channel]! += value));
      sum[3]! += 1;
    }
  }
  const covered = sum[3]!;
  if (covered === 0) return [0, 0, 0, 0];
  return [sum[0]! / covered, sum[1]! / covered, sum[2]! / covered, (255 * covered) / (samples * samples)].map(Math.round) as [
    number,
    number,
    number,
    number,
  ];
}

/** The icon as an ICO file: one 32-bit BGRA bitmap, rows bottom up, with its (empty) AND mask. */
export function faviconIco(size = 32): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const [red, green, blue, alpha] = pixel(column, row, size);
      pixels.set([blue, green, red, alpha], ((size - 1 - row) * size + column) * 4);
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  // The height of the colour bitmap and its mask together.
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([header, pixels, mask]);
  const directory = Buffer.alloc(22);
  directory.writeUInt16LE(1, 2); // an icon
  directory.writeUInt16LE(1, 4); // one image
  directory.writeUInt8(size % 256, 6);
  directory.writeUInt8(size % 256, 7);
  directory.writeUInt16LE(1, 10); // colour planes
  directory.writeUInt16LE(32, 12); // bits per pixel
  directory.writeUInt32LE(image.length, 14);
  directory.writeUInt32LE(directory.length, 18);
  return Buffer.concat([directory, image]);
}
