#!/usr/bin/env node
// Builds the web explorer (web/dist) when it is missing or older than its sources, so that
// `npm start` and `npm test` always serve the current explorer without a separate build step.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const built = join(root, "web/dist/index.html");
const sources = ["web/src", "web/public", "web/index.html", "web/vite.config.ts", "src/domain", "src/http/schemas.ts", "package-lock.json"];

function newest(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newest(join(path, name))));
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
if (builtAt === 0 || Math.max(...sources.map(newest)) > builtAt) {
  console.log("Building the web explorer (web/dist)…");
  const result = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
