/** Latency figures in milliseconds, from a list of samples. */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { n: sorted.length, median: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] }
}

export const ms = (n: number) => `${n.toFixed(2)} ms`

/** Runs `task` `total` times with `concurrency` callers in flight; returns each call's latency. */
export async function runConcurrent(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = []
  let next = 0
  async function caller() {
    while (next < total) {
      const i = next++
      const start = performance.now()
      await task(i)
      latencies.push(performance.now() - start)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller))
  return latencies
}
