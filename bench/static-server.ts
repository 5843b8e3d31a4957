/**
 * The baseline for API latency: the same HTTP stack (Hono on @hono/node-server) serving files from a
 * directory, with no database and no computation. Started as its own process by bench/run.ts.
 */
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

const [root, port] = [process.argv[2]!, Number(process.argv[3])];
const app = new Hono();
app.use("*", serveStatic({ root }));
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log(`static ready ${port}`));
