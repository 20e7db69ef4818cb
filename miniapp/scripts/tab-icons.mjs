// Draws the two tab-bar icons (home, person) as tiny PNGs, grey and active orange, so no
// binary design asset has to be trusted. Run: node scripts/tab-icons.mjs  (writes src/assets/)
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SS = 4; // supersampling per axis for anti-aliased edges

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

function png(coverage, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round(coverage[y * SIZE + x] * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function rasterize(inside) {
  const cov = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (inside((x + (sx + 0.5) / SS) / SIZE, (y + (sy + 0.5) / SS) / SIZE)) hits++;
      cov[y * SIZE + x] = hits / (SS * SS);
    }
  return cov;
}

// Shapes in unit coordinates (0..1), drawn as outlines ~0.07 thick.
const T = 0.075;
const inRoof = (x, y) => {
  // Distance to the two roof strokes from (0.14,0.48) up to (0.5,0.16) and down to (0.86,0.48).
  const seg = (ax, ay, bx, by) => {
    const dx = bx - ax,
      dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - ax - t * dx, y - ay - t * dy);
  };
  return Math.min(seg(0.14, 0.47, 0.5, 0.15), seg(0.5, 0.15, 0.86, 0.47)) < T / 2;
};
const home = (x, y) => {
  const box = x > 0.24 && x < 0.76 && y > 0.4 && y < 0.86;
  const hollow = x > 0.24 + T && x < 0.76 - T && y > 0.4 && y < 0.86 - T;
  const door = x > 0.43 && x < 0.57 && y > 0.6 && y < 0.86;
  return inRoof(x, y) || (box && !hollow) || door;
};
const person = (x, y) => {
  const head = Math.hypot(x - 0.5, y - 0.32);
  const ring = head < 0.17 && head > 0.17 - T;
  // Shoulders: upper half of an ellipse outline.
  const ex = (x - 0.5) / 0.32,
    ey = (y - 0.86) / 0.3;
  const e = Math.hypot(ex, ey);
  const shoulders = y <= 0.86 && e < 1 && e > 1 - T / 0.3;
  const base = y > 0.86 - T && y < 0.86 && Math.abs(x - 0.5) < 0.32;
  return ring || shoulders || base;
};

const outDir = new URL('../src/assets/', import.meta.url);
mkdirSync(outDir, { recursive: true });
const grey = [0x8a, 0x7b, 0x70],
  orange = [0xd9, 0x62, 0x2b];
for (const [name, shape] of [
  ['home', home],
  ['mine', person],
]) {
  const cov = rasterize(shape);
  writeFileSync(new URL(`tab-${name}.png`, outDir), png(cov, grey));
  writeFileSync(new URL(`tab-${name}-active.png`, outDir), png(cov, orange));
}
console.log('tab icons written to src/assets/');
