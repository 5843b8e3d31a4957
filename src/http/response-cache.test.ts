import { expect, test } from "vitest";
import { ResponseCache } from "./response-cache.ts";

const entry = (size: number) => ({ body: new ArrayBuffer(size), headers: { "Content-Type": "application/json" } });

test("an answer is replayed only for the data version it was computed at", () => {
  const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1000 });
  cache.set(7, "/a", entry(10));
  expect(cache.get(7, "/a")?.body.byteLength).toBe(10);
  expect(cache.get(8, "/a")).toBeUndefined();
  cache.set(8, "/b", entry(10));
  expect(cache.get(7, "/a")).toBeUndefined();
});

test("the least recently used answers leave first when entries or bytes run over", () => {
  const cache = new ResponseCache({ maxEntries: 2, maxBytes: 1000 });
  cache.set(1, "/a", entry(10));
  cache.set(1, "/b", entry(10));
  cache.get(1, "/a");
  cache.set(1, "/c", entry(10));
  expect(cache.get(1, "/b")).toBeUndefined();
  expect(cache.get(1, "/a")).toBeDefined();
  const bytes = new ResponseCache({ maxEntries: 100, maxBytes: 100 });
  bytes.set(1, "/a", entry(20));
  bytes.set(1, "/b", entry(20));
  bytes.set(1, "/c", entry(20));
  bytes.set(1, "/d", entry(20));
  bytes.set(1, "/e", entry(20));
  bytes.set(1, "/f", entry(20));
  expect(bytes.get(1, "/a")).toBeUndefined();
  expect(bytes.get(1, "/f")).toBeDefined();
});

test("an answer too large for the cache is not kept", () => {
  const cache = new ResponseCache({ maxEntries: 10, maxBytes: 100 });
  cache.set(1, "/big", entry(60));
  expect(cache.get(1, "/big")).toBeUndefined();
});
