// How work grows with its input, without a wall-clock bound: the same work on a small and a large
// input, interleaved in rounds, best round of each, in one run. A loaded machine slows both alike,
// so the ratio stays near the size ratio for linear work, and far above it for quadratic work.

/** The best of `rounds` timings of `large()` ÷ the best of `small()`'s, interleaved. */
export function timeRatio(small: () => unknown, large: () => unknown, rounds = 7): number {
  const best = { small: Infinity, large: Infinity };
  small();
  large(); // warm up the JIT on both
  for (let round = 0; round < rounds; round++) {
    for (const [which, work] of [['small', small], ['large', large]] as const) {
      const started = performance.now();
      work();
      best[which] = Math.min(best[which], performance.now() - started);
    }
  }
  return best.large / Math.max(best.small, 0.001);
}
