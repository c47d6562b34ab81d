// The arithmetic every benchmark reports with: interleaved rounds, medians, paired ratios.
import { describe, expect, it } from 'vitest';
import { interleave, median, pairedRatio } from '../../scripts/bench/rounds.js';

describe('interleave', () => {
  it('runs every contender once a round, in an order that rotates, and keeps no warm-up sample', async () => {
    const calls: string[] = [];
    let counter = 0;
    const contender =
      (name: string) =>
      async ({ warmup }: { warmup: boolean }) => {
        calls.push(`${name}${warmup ? ' (warm-up)' : ''}`);
        return counter++;
      };
    const samples = await interleave({ a: contender('a'), b: contender('b'), c: contender('c') }, { rounds: 3, warmup: 1 });
    expect(calls).toEqual(['c (warm-up)', 'a (warm-up)', 'b (warm-up)', 'a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(samples).toEqual({ a: [3, 8, 10], b: [4, 6, 11], c: [5, 7, 9] });
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses no values', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('pairedRatio', () => {
  it("is the median of each round's ratio, so a slow round slows both sides", () => {
    // Round 2 ran while the machine was busy: both halved. The ratio stays 2.
    expect(pairedRatio([200, 100, 220], [100, 50, 110])).toBe(2);
    expect(pairedRatio([300, 100, 200], [100, 100, 100])).toBe(2);
  });
});
