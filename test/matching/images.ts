// Test images built on the spot: a textured "object" scene per seed, and hostile files.
import zlib from 'node:zlib';
import sharp from 'sharp';

/** A 640 × 480 scene of shapes and text, different for each seed, rich in corners like a photographed object. */
export async function scene(seed: number): Promise<Buffer> {
  let s = (seed * 2654435761) >>> 0 || 1;
  const random = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
  const shapes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const x = random() * 640;
    const y = random() * 480;
    const r = 8 + random() * 50;
    const fill = `hsl(${Math.floor(random() * 360)},${40 + random() * 50}%,${20 + random() * 60}%)`;
    if (i % 3 === 0)
      shapes.push(
        `<polygon points="${[0, 1, 2, 3, 4].map(() => `${x + (random() - 0.5) * 2 * r},${y + (random() - 0.5) * 2 * r}`).join(' ')}" fill="${fill}"/>`,
      );
    else if (i % 3 === 1)
      shapes.push(`<rect x="${x}" y="${y}" width="${r}" height="${r * 0.6}" fill="${fill}" transform="rotate(${random() * 90} ${x} ${y})"/>`);
    else
      shapes.push(
        `<text x="${x}" y="${y}" font-size="${Math.round(r)}" fill="${fill}" font-family="sans-serif">${String.fromCharCode(65 + Math.floor(random() * 26), 48 + Math.floor(random() * 10))}</text>`,
      );
  }
  const svg = `<svg width="640" height="480" xmlns="http://www.w3.org/2000/svg"><rect width="640" height="480" fill="hsl(${(seed * 37) % 360},30%,85%)"/>${shapes.join('')}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** The scene photographed again: cropped, turned 12°, darker, smaller, recompressed. */
export async function rephotographed(bytes: Buffer): Promise<Buffer> {
  const cropped = await sharp(bytes).extract({ left: 40, top: 30, width: 520, height: 400 }).toBuffer();
  return sharp(cropped).rotate(12, { background: '#ffffff' }).linear(0.8, 10).resize({ width: 420 }).jpeg({ quality: 50 }).toBuffer();
}

/** A real PNG whose header claims width × height (CRC fixed): the decoder must refuse it from the header. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .png()
      .toBuffer(),
  );
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type).
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}
