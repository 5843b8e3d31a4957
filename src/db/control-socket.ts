/**
 * A local control channel for the embedded engine. Only one process may open an embedded data directory
 * (data-dir-lock.ts), so while `chiso serve` runs, `chiso backup` asks the server for the backup over a
 * Unix socket in the data directory (`control.sock`, mode 0600: only the server's user can connect).
 * The only operation offered is a backup.
 *
 * Protocol: the client sends one JSON line {"op":"backup"}; the server answers one JSON line
 * ({"ok":true} or {"ok":false,"error":"…"}) and then, if ok, the backup's bytes until it closes the
 * connection. The client verifies what it received (a cut connection gives a truncated backup).
 */
import { once } from "node:events";
import { chmodSync, lstatSync, rmSync } from "node:fs";
import { createConnection, createServer, type Socket } from "node:net";
import { join } from "node:path";
import type { Writable } from "node:stream";

export const CONTROL_SOCKET = "control.sock";
const MAX_REQUEST_BYTES = 1024;
/** sun_path holds 108 bytes on Linux, 104 on macOS. */
const MAX_SOCKET_PATH_BYTES = 103;

export const controlSocketPath = (dataDir: string) => join(dataDir, CONTROL_SOCKET);

export interface ControlHandlers {
  /** Writes a backup to `out` and ends it. */
  backup(out: Writable): Promise<unknown>;
}

export interface ControlSocket {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on `<dataDir>/control.sock`. The caller holds the data-directory lock, so a socket file
 * already there was left by a process that died and is replaced. Returns undefined (and says why on
 * stderr) when the path is too long for a Unix socket.
 */
export async function startControlSocket(dataDir: string, handlers: ControlHandlers): Promise<ControlSocket | undefined> {
  const path = controlSocketPath(dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    process.stderr.write(
      `Đường dẫn ${path} quá dài cho kênh điều khiển: «chiso backup» sẽ cần dừng máy chủ. / ` +
        `${path} is too long for the control socket: \`chiso backup\` will need the server stopped.\n`,
    );
    return undefined;
  }
  try {
    if (lstatSync(path).isSocket()) rmSync(path);
  } catch {
    // nothing there
  }
  const connections = new Set<Socket>();
  const running = new Set<Promise<void>>();
  const server = createServer((socket) => {
    connections.add(socket);
    socket.on("error", () => undefined); // a client that goes away mid-backup is not the server's problem
    socket.once("close", () => connections.delete(socket));
    const work = serve(socket, handlers).finally(() => running.delete(work));
    running.add(work);
  });
  // Created 0600 (umask while binding: bind happens inside listen()), then chmod for certainty (and for
  // worker threads, which may not change the umask).
  let umask: number | undefined;
  try {
    umask = process.umask(0o177);
  } catch {
    // chmod below
  }
  try {
    server.listen(path);
  } finally {
    if (umask !== undefined) process.umask(umask);
  }
  await Promise.race([once(server, "listening"), once(server, "error").then(([error]) => Promise.reject(error as Error))]);
  chmodSync(path, 0o600);
  let closed: Promise<void> | undefined;
  return {
    path,
    close: () =>
      (closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of connections) socket.destroy();
        await Promise.allSettled([...running]);
        await stopped;
        rmSync(path, { force: true });
      })()),
  };
}

async function serve(socket: Socket, handlers: ControlHandlers): Promise<void> {
  let request: { op?: unknown };
  try {
    const { line } = await readLine(socket[Symbol.asyncIterator]());
    request = JSON.parse(line) as { op?: unknown };
  } catch {
    socket.end(`${JSON.stringify({ ok: false, error: "bad-request" })}\n`);
    return;
  }
  if (request.op !== "backup") {
    socket.end(`${JSON.stringify({ ok: false, error: "unknown-operation" })}\n`);
    return;
  }
  socket.write(`${JSON.stringify({ ok: true })}\n`);
  try {
    await handlers.backup(socket);
  } catch (error) {
    // The client sees a cut stream: its verification says the backup is incomplete.
    socket.destroy(error as Error);
  }
}

/** The first line of a stream, and the bytes that came after it in the same chunk. */
async function readLine(chunks: AsyncIterator<Buffer>): Promise<{ line: string; rest: Buffer }> {
  let buffered = Buffer.alloc(0);
  for (;;) {
    const next = await chunks.next();
    if (next.done) throw new Error("connection closed before a line");
    buffered = Buffer.concat([buffered, next.value]);
    const end = buffered.indexOf(0x0a);
    if (end >= 0) return { line: buffered.subarray(0, end).toString("utf8"), rest: buffered.subarray(end + 1) };
    if (buffered.length > MAX_REQUEST_BYTES) throw new Error("line too long");
  }
}

export class ControlRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`the server refused: ${reason}`);
  }
}

/**
 * Asks the server running on `dataDir` for a backup and writes it to `out`, which is ended. Connection
 * errors (no socket: an older server, or another program holds the directory) come out as they are.
 */
export async function requestBackup(dataDir: string, out: Writable): Promise<void> {
  const socket = createConnection(controlSocketPath(dataDir));
  try {
    await Promise.race([once(socket, "connect"), once(socket, "error").then(([error]) => Promise.reject(error as Error))]);
    socket.write(`${JSON.stringify({ op: "backup" })}\n`);
    const chunks = socket[Symbol.asyncIterator]();
    const { line, rest } = await readLine(chunks);
    const status = JSON.parse(line) as { ok?: boolean; error?: string };
    if (!status.ok) throw new ControlRefusedError(status.error ?? "unknown");
    const write = async (chunk: Buffer) => {
      if (chunk.length && !out.write(chunk)) await once(out, "drain");
    };
    await write(rest);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) await write(next.value as Buffer);
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    throw error;
  } finally {
    socket.destroy();
  }
}
