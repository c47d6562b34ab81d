// Preloaded into the mock by the load test only (NODE_OPTIONS="--expose-gc --import=<this file>"),
// never by `npm start`: on SIGUSR2, collect all garbage, then print the process's memory on
// stderr. The test then compares live memory, not whatever garbage the last requests left behind.
const { gc } = globalThis;
if (!gc) throw new Error('memory-probe.js needs node --expose-gc');

process.on('SIGUSR2', () => {
  gc();
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  process.stderr.write(`memory-probe ${JSON.stringify({ rss, heapUsed, heapTotal })}\n`);
});
