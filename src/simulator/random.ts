// Where the simulator's randomness comes from (the tokens it issues): the platform's
// crypto.getRandomValues, or, with a seed, a small seeded generator, so that the same seed and the
// same requests give the same answers byte for byte. The model asks a source for bytes; nothing
// else in the simulator draws random numbers.

/** A source of random bytes. */
export interface RandomSource {
  /** `count` random bytes (a fresh array each time). */
  bytes(count: number): Uint8Array;
  /** Back to where it started (a seeded source: its first byte again; crypto: nothing to do). */
  restart(): void;
  /** A seeded source's position, to save and restore (see `resume`); undefined for crypto. */
  position(): string | undefined;
  /** Continues from a saved `position()`; throws an Error on one this source did not make. */
  resume(position: string): void;
}

/** A seed is text (or a number, taken as its decimal text) of 1 to 200 characters. */
export function checkSeed(seed: unknown, where = 'seed'): string {
  const text = typeof seed === 'number' && Number.isSafeInteger(seed) ? String(seed) : seed;
  if (typeof text !== 'string' || text.length === 0 || text.length > 200) throw new Error(`${where}: must be a string of 1 to 200 characters or a whole number, not ${JSON.stringify(seed)}`);
  return text;
}

/** The seeded source for `seed`, or the platform's crypto when there is none. */
export function createRandom(seed?: string): RandomSource {
  return seed === undefined ? pooledRandom((pool) => crypto.getRandomValues(pool)) : seededRandom(seed);
}

/** The bytes of the pool size: each call of the platform's crypto fills this many. */
export const poolSize = 4096;

/**
 * Bytes from `fill` (the platform's crypto), drawn `poolSize` at a time: in Node 20 one call costs
 * about 7 µs however few bytes it gives, a tenth of a create (docs/decisions.md). Each byte is
 * handed out once, in order (test/simulator/seed-clock.test.ts pins it).
 */
export function pooledRandom(fill: (pool: Uint8Array<ArrayBuffer>) => void): RandomSource {
  const pool = new Uint8Array(poolSize);
  let used = pool.length;
  return {
    bytes(count) {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        if (used === pool.length) {
          fill(pool);
          used = 0;
        }
        out[i] = pool[used++]!;
      }
      return out;
    },
    restart() {},
    position: () => undefined,
    resume() {
      throw new Error('the simulator has no seed: a seeded position cannot be resumed');
    },
  };
}

/** sfc32 (Chris Doty-Humphrey's small fast counter), its 128-bit state from the seed's text by cyrb128. */
function seededRandom(seed: string): RandomSource {
  const initial = cyrb128(seed);
  let [a, b, c, d] = initial;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up, as sfc32's author advises: the first outputs of a fresh state are poorly mixed.
  const start = () => {
    [a, b, c, d] = initial;
    for (let i = 0; i < 12; i++) next();
  };
  start();
  return {
    bytes(count) {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i += 4) {
        const word = next();
        for (let k = 0; k < 4 && i + k < count; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
      }
      return out;
    },
    restart: start,
    position: () => `sfc32:${[a, b, c, d].map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('')}`,
    resume(position) {
      const match = /^sfc32:([0-9a-f]{32})$/.exec(position);
      if (!match) throw new Error(`random position ${JSON.stringify(position)}: not one a seeded simulator wrote`);
      [a, b, c, d] = [0, 8, 16, 24].map((at) => Number.parseInt(match[1]!.slice(at, at + 8), 16) | 0) as [number, number, number, number];
    },
  };
}

/** A 128-bit hash of text (bryc's cyrb128): four 32-bit words, none all zero for sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 | 0, h2 | 0, h3 | 0, h4 | 0];
}
