// Load with autocannon: a fixed number of keep-alive connections, each sending its next request
// as soon as the previous answer arrives, for a fixed time. Loopback only.
import autocannon from "autocannon";

export interface LoadResult {
  /** Mean of the per-second request counts. */
  requestsPerSecond: number;
  /** Milliseconds. */
  latency: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  /** Responses with a status outside 200–299. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  bytesPerSecond: number;
  seconds: number;
}

/** The autocannon run in progress, so that an interrupted benchmark can stop it. */
let running: autocannon.Instance | undefined;
let stopped = false;

/** Stop the run in progress; every later one fails at once. */
export function stopLoad(): void {
  stopped = true;
  running?.stop();
}

/** Options passed through to autocannon for one run (a method, a body, per-connection requests). */
export type LoadOptions = Omit<autocannon.Options, "url" | "connections" | "duration" | "timeout">;

async function run(
  url: string,
  connections: number,
  seconds: number,
  extra: LoadOptions = {},
): Promise<autocannon.Result> {
  if (stopped) throw new Error("the load was stopped");
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/.test(url)) {
    throw new Error(`refusing to load ${url}: the benchmark only targets loopback`);
  }
  const finished = await new Promise<autocannon.Result>((resolve, reject) => {
    running = autocannon(
      // A slow answer should show as latency, not as an error: 30 s before a request times out.
      { ...extra, url, connections, duration: seconds, timeout: 30 },
      (error, result) => {
        running = undefined;
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
  });
  if (stopped) throw new Error("the load was stopped");
  return finished;
}

function summarize(result: autocannon.Result): LoadResult {
  return {
    requestsPerSecond: result.requests.average,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerSecond: result.throughput.average,
    seconds: result.duration,
  };
}

/**
 * One run with extra autocannon options, no warm-up (cart-load.ts warms up with requests of its
 * own). `responses2xx` is how many answers were 2xx, for callers that check the server's state.
 */
export async function loadOnce(
  url: string,
  options: { connections: number; seconds: number } & LoadOptions,
): Promise<LoadResult & { responses2xx: number }> {
  const { connections, seconds, ...extra } = options;
  const result = await run(url, connections, seconds, extra);
  return { ...summarize(result), responses2xx: result["2xx"] };
}

/** A short unmeasured run first (JIT, pools, caches), then the measured one. */
export async function measure(
  url: string,
  options: { connections: number; seconds: number; warmupSeconds: number } & LoadOptions,
): Promise<LoadResult> {
  const { connections, seconds, warmupSeconds, ...extra } = options;
  if (warmupSeconds > 0) await run(url, connections, warmupSeconds, extra);
  return summarize(await run(url, connections, seconds, extra));
}
