import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

/**
 * Draws the app icon (a white "K" on a rounded square in the app's blue) and writes the PNGs
 * and the Windows .ico that electron-builder uses into build/. Plain Node, no image library:
 * run `node --import tsx tools/make-icons.ts` after changing the drawing; the files are committed.
 */

const BLUE = [0x1d, 0x5b, 0x87] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const SUBSAMPLES = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A truecolour-with-alpha PNG of `rgba` (width × height × 4 bytes, rows top to bottom). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter type None
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows .ico holding PNG images (allowed since Vista; 256 px is written as 0). */
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** Distance from (x, y) to the segment a–b, all in unit coordinates. */
function distanceToSegment(x: number, y: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function insideRoundedSquare(x: number, y: number): boolean {
  const margin = 0.04;
  const radius = 0.2;
  const cx = Math.max(margin + radius, Math.min(1 - margin - radius, x));
  const cy = Math.max(margin + radius, Math.min(1 - margin - radius, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

// The "K": a vertical stem and two arms meeting it a little above the middle.
const STROKE = 0.055; // half the stroke width
const STEM = [
  [0.34, 0.24],
  [0.34, 0.76],
] as const;
const UPPER_ARM = [
  [0.36, 0.58],
  [0.68, 0.24],
] as const;
const LOWER_ARM = [
  [0.47, 0.46],
  [0.7, 0.76],
] as const;

function insideK(x: number, y: number): boolean {
  if (Math.abs(x - STEM[0][0]) <= STROKE && y >= STEM[0][1] && y <= STEM[1][1]) return true;
  const arm = (segment: typeof UPPER_ARM | typeof LOWER_ARM) => distanceToSegment(x, y, segment[0], segment[1]) <= STROKE && y >= 0.24 && y <= 0.76;
  return arm(UPPER_ARM) || arm(LOWER_ARM);
}

/** The icon at `size` × `size` pixels as RGBA, anti-aliased by supersampling. */
export function drawIcon(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0;
      let letter = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          if (!insideRoundedSquare(x, y)) continue;
          square++;
          if (insideK(x, y)) letter++;
        }
      }
      const i = (py * size + px) * 4;
      const white = square === 0 ? 0 : letter / square;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BLUE[c]! * (1 - white) + WHITE[c]! * white);
      rgba[i + 3] = Math.round((255 * square) / SUBSAMPLES ** 2);
    }
  }
  return rgba;
}

export const ICON_SIZES = [256, 512] as const;

/** Writes build/icons/<n>x<n>.png for Linux and build/icon.ico (256 px) for Windows. */
export function writeIcons(buildDir: string): string[] {
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  const written: string[] = [];
  const pngs = new Map<number, Buffer>();
  for (const size of ICON_SIZES) {
    const png = encodePng(size, size, drawIcon(size));
    pngs.set(size, png);
    const file = join(buildDir, 'icons', `${size}x${size}.png`);
    writeFileSync(file, png);
    written.push(file);
  }
  const ico = join(buildDir, 'icon.ico');
  writeFileSync(ico, encodeIco([{ size: 256, png: pngs.get(256)! }]));
  written.push(ico);
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const file of writeIcons(resolve(import.meta.dirname, '..', 'build'))) console.log(`wrote ${file}`);
}
