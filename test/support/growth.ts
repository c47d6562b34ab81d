// How work grows with its input, without a wall-clock bound: the same work on a small and a large
// input, interleaved in rounds, best round of each, in one run. A loaded machine slows both alike,
// so the ratio stays near the size ratio for linear work, and far above it for quadratic work.
// The small work is timed in batches as long as one large call (and divided by the batch): a single
// small call takes microseconds, too short a sample beside a large one's milliseconds (a timer
// tick, a scavenge or a preemption in it moved the ratio past a 4-times allowance under load).

/** The best of `rounds` timings of `large()` ÷ the best of `small()`'s (per call), interleaved. */
export function timeRatio(small: () => unknown, large: () => unknown, rounds = 7): number {
  const time = (work: () => unknown, calls: number) => {
    const started = performance.now();
    for (let call = 0; call < calls; call++) work();
    return (performance.now() - started) / calls;
  };
  // Warm up the JIT on both; the batch is how many small calls one large call takes.
  const batch = Math.min(1000, Math.max(1, Math.round(time(large, 1) / Math.max(time(small, 3), 0.0001))));
  const best = { small: Infinity, large: Infinity };
  for (let round = 0; round < rounds; round++) {
    best.small = Math.min(best.small, time(small, batch));
    best.large = Math.min(best.large, time(large, 1));
  }
  return best.large / Math.max(best.small, 0.0001);
}
