/**
 * Load on loopback with autocannon, bounded in time. Every response time is recorded (autocannon's own
 * summary has no p95), so percentiles are exact over the run.
 */
import type { EventEmitter } from "node:events";
import autocannon from "autocannon";
import { percentile } from "./stats.ts";

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
  non2xx: number;
  bytes: number;
}

export async function load(
  url: string,
  options: {
    connections: number;
    seconds: number;
    /** A different query string per request, to defeat caches. */
    distinct?: boolean;
    /** Sent with every request (a session cookie). */
    headers?: Record<string, string>;
  },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let bytes = 0;
  let counter = 0;
  const target = new URL(url);
  // Without a callback autocannon returns a promise that is also the run's event emitter.
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.distinct
      ? {
          requests: [
            {
              setupRequest: (request: { path: string }) => ({
                ...request,
                path: `${target.pathname}${target.search ? `${target.search}&` : "?"}n=${(counter += 1)}`,
              }),
            } as unknown as autocannon.Request,
          ],
        }
      : {}),
  }) as unknown as EventEmitter & Promise<autocannon.Result>;
  instance.on("response", (_client: unknown, _status: number, resBytes: number, responseTime: number) => {
    latencies.push(responseTime);
    bytes = resBytes;
  });
  const result = await instance;
  return {
    requestsPerSecond: result.requests.total / options.seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes,
  };
}
