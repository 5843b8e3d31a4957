/**
 * .docx → PDF through LibreOffice headless, when it is installed. One conversion at a time (each starts a
 * LibreOffice process of a few hundred MB on a 2-core server), each in its own temporary profile and folder,
 * with a time limit. Without LibreOffice, a clear AppError, not a crash: the .docx stays downloadable.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "../errors.ts";

const CANDIDATES = ["soffice", "libreoffice"];
const TIME_LIMIT_MS = 120_000;

/** The LibreOffice program on PATH, or null. */
export function findLibreOffice(path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** Conversions waiting beyond this are refused at once (503) rather than queued for minutes. */
const MAX_WAITING = 8;
let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;

/** Runs LibreOffice in its own process group, so that a conversion over time is killed with its children. */
function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { detached: true, stdio: "ignore" });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      reject(new Error(`LibreOffice took more than ${TIME_LIMIT_MS / 1000} s`));
    }, TIME_LIMIT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`LibreOffice exited with ${code}`));
    });
  });
}

export async function convertToPdf(docx: Uint8Array, program: string | null = findLibreOffice()): Promise<Buffer> {
  if (!program) throw new AppError("document.pdf-unavailable", "unavailable", {});
  if (waiting >= MAX_WAITING) throw new AppError("document.pdf-busy", "unavailable", {});
  waiting += 1;
  const task = queue.then(async () => {
    waiting -= 1;
    const dir = await mkdtemp(join(tmpdir(), "chiso-pdf-"));
    try {
      const input = join(dir, "document.docx");
      await writeFile(input, docx);
      const profile = pathToFileURL(join(dir, "profile")).href;
      await run(program, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, input]);
      const pdf = await readFile(join(dir, "document.pdf")).catch(() => null);
      if (!pdf || pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("no PDF written");
      return pdf;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("document.pdf-failed", "unavailable", {}, { cause: error instanceof Error ? error.message : String(error) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  queue = task.catch(() => undefined);
  return task;
}
