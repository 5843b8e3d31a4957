/**
 * Memoises what is computed from the data (the catalog, a year's analysis) for as long as the database's
 * data version is unchanged. Every imported or edited value bumps the version in the same transaction, so
 * any instance sharing the database recomputes on its next request: nothing here needs sharing.
 */
export class VersionedCache {
  private version: number | null = null;
  private readonly entries = new Map<string, Promise<unknown>>();

  /** Returns the cached value for `key` at `version`, computing it once (concurrent callers share it). */
  get<T>(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = compute();
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
    }
    return entry;
  }
}
