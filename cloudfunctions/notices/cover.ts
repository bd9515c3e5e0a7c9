// The default cover of the union's 订阅号 articles: a small PNG (union red with a gold band) made from
// bytes in code, so the function ships no asset file. Uploaded once as permanent material (type thumb).
import { deflateSync } from 'node:zlib';

const WIDTH = 180;
const HEIGHT = 100;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function coverPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows: number[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    rows.push(0); // filter: none
    const gold = y >= HEIGHT * 0.7 && y < HEIGHT * 0.78;
    for (let x = 0; x < WIDTH; x++) rows.push(...(gold ? [0xf4, 0xb4, 0x00] : [0xc8, 0x10, 0x2e]));
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

export const COVER = { bytes: coverPng(), filename: 'notice-cover.png', contentType: 'image/png' };
