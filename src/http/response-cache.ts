/**
 * Answers of public GET routes, kept per data version. An answer depends only on its URL and the data,
 * so it can be replayed until the data version moves (any import, on any instance, moves it); then the
 * whole cache is dropped. Bounded in entries and bytes, least recently used first out.
 */
export interface CachedResponse {
  body: ArrayBuffer;
  headers: Record<string, string>;
}

export class ResponseCache {
  private version: number | null = null;
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(private readonly limits: { maxEntries: number; maxBytes: number }) {}

  get(version: number, key: string): CachedResponse | undefined {
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (entry) {
      // Re-insert: Map iteration order is the recency order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(version: number, key: string, entry: CachedResponse): void {
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
    if (entry.body.byteLength > this.limits.maxBytes / 4) return;
    const previous = this.entries.get(key);
    if (previous) this.bytes -= previous.body.byteLength;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.byteLength;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.body.byteLength;
    }
  }
}
