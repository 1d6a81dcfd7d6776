// Statistics and memory helpers shared by every scenario.

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The `q` quantile (0..1) of an already sorted list, nearest rank. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Median, min and max of a list: the shape every table cell uses. */
export function summary(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs };
}

export const MB = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
export const round = (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Two full garbage collections; fails early when node runs without --expose-gc. */
export function gcFull() {
  if (typeof globalThis.gc !== 'function') throw new Error('run node with --expose-gc');
  globalThis.gc();
  globalThis.gc();
}

export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** `heapUsed` after pending callbacks ran and two full collections. */
export async function settledHeap() {
  await nextTurn();
  await nextTurn();
  gcFull();
  return process.memoryUsage().heapUsed;
}

/** Samples peak heapUsed and RSS every 5 ms until stopped. */
export function peakSampler() {
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > heap) heap = m.heapUsed;
    if (m.rss > rss) rss = m.rss;
  };
  const timer = setInterval(sample, 5);
  sample();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakHeapMB: MB(heap), peakRssMB: MB(rss) };
    },
  };
}

/** Rejects when `promise` does not settle within `ms`, naming `what`. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
