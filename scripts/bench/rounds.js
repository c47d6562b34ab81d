// Interleaved rounds, medians and ratios: what every benchmark here reports. The machine is shared
// and its load changes by the second, so contenders never run one after the other (A's ten rounds,
// then B's): each round runs every contender once, in an order that rotates from round to round,
// and a ratio is the median of the ratios within each round.
import { cpus, loadavg, release, totalmem, type } from 'node:os';

/**
 * Runs `contenders` (name → async function returning one sample) for `warmup` rounds that are thrown
 * away (each is called with `{ warmup: true }` then), then `rounds` that are kept. Returns name →
 * samples, in round order.
 * @template T
 * @param {Record<string, (round: { warmup: boolean }) => Promise<T>>} contenders
 * @param {{ rounds: number, warmup?: number }} settings
 * @returns {Promise<Record<string, T[]>>}
 */
export async function interleave(contenders, { rounds, warmup = 1 }) {
  const names = Object.keys(contenders);
  const samples = /** @type {Record<string, T[]>} */ (Object.fromEntries(names.map((name) => [name, []])));
  for (let round = -warmup; round < rounds; round++) {
    const shift = ((round % names.length) + names.length) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const sample = await contenders[name]({ warmup: round < 0 });
      if (round >= 0) samples[name].push(sample);
    }
  }
  return samples;
}

export function median(values) {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of `a[i] / b[i]`: each round's ratio, so a slow moment of the machine hits both. */
export function pairedRatio(a, b) {
  return median(a.map((value, round) => value / b[round]));
}

/** The machine the numbers come from, and how busy it was (1-minute load average) when they began. */
export function machine() {
  const processors = cpus();
  return {
    cores: processors.length,
    cpu: processors[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}
