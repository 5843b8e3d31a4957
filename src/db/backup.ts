/**
 * Backup and restore of the whole database, in one format for both engines: a PGlite backup restores
 * into PostgreSQL and the other way round (so it is also the way to move between them).
 *
 * A backup is a gzip-compressed file of UTF-8 lines, each one JSON value:
 *
 *   {"type":"header","format":"chiso-backup","formatVersion":1,"createdAt","engine","appVersion",
 *    "migrations":{"count","lastHash","lastCreatedAt"},"tables":[names in insert order]}
 *   {"type":"table","table":"scores","columns":[…],"types":[…],"rows":22176,"sequences":[{"column","next"}]}
 *   {"year":2011,"unit_id":1,…}                       ← exactly `rows` lines: row_to_json of each row,
 *   …                                                    in primary-key order
 *   {"type":"footer","rows":{"scores":22176,…},"lines":N,"sha256":"…"}
 *
 *   {"type":"file","store":"evidence","key":"<sha256>","bytes":N,"chunks":K}   ← since formatVersion 2:
 *   <base64 of the next 48 KiB>                                                    each evidence file the
 *   …                                                                              database refers to, after
 *   {"type":"footer","rows":{…},"files":F,"missingFiles":[…],"lines":N,"sha256":"…"}   the tables
 *
 * `sha256` is over every line before the footer (each with its "\n"), so a truncated or altered file is
 * refused before anything is written; a file's content must also hash to its key. Every line but the rows
 * and chunks has a `type`; a later format adds records of other types and raises `formatVersion` so an
 * older reader refuses them. A file referred to but gone by the time it is read (removed just after the
 * snapshot, or lost) is listed in `missingFiles`, and the command says so.
 *
 * Tables are read from the catalog (schema public), not listed here, and written parents first (foreign
 * keys): a table added by a migration is backed up without a change here. A backup reads everything in
 * one REPEATABLE READ READ ONLY transaction, through cursors, so it is consistent while the application
 * writes and never holds a whole table in memory. A restore goes into a database that has been migrated
 * and holds nothing else, in one transaction: all of it or nothing.
 */
import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, createGzip } from "node:zlib";
import { sql, type SQL } from "drizzle-orm";
import { AppError } from "../errors.ts";
import type { Database, Engine, Executor } from "./client.ts";

export const BACKUP_FORMAT = "chiso-backup";
export const BACKUP_FORMAT_VERSION = 2;

/** Where the files a backup carries come from (the evidence store, keyed by SHA-256). */
export interface BackupFiles {
  /** The keys the database refers to, read in the backup's own snapshot. */
  keys(db: Executor): Promise<string[]>;
  /** The content, or null when it is gone. */
  read(key: string): Promise<Uint8Array | null>;
}

/** Where a restore puts the files (written before the database commits; removed again if it does not). */
export interface RestoreFiles {
  write(key: string, bytes: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
}

const FILE_CHUNK_BYTES = 48 * 1024;

export interface MigrationState {
  /** Migrations applied (rows of drizzle.__drizzle_migrations). */
  count: number;
  lastHash: string | null;
  /** The `when` of the last migration's journal entry (milliseconds, as text). */
  lastCreatedAt: string | null;
}

export interface BackupHeader {
  type: "header";
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: Engine;
  appVersion: string;
  migrations: MigrationState;
  tables: string[];
}

export interface TableRecord {
  type: "table";
  table: string;
  columns: string[];
  types: string[];
  rows: number;
  /** Where each serial/identity sequence stood (its next value, as text: it is a bigint). */
  sequences: { column: string; next: string }[];
}

interface FileRecord {
  type: "file";
  store: "evidence";
  key: string;
  bytes: number;
  chunks: number;
}

interface Footer {
  type: "footer";
  rows: Record<string, number>;
  /** Since formatVersion 2. */
  files?: number;
  missingFiles?: string[];
  lines: number;
  sha256: string;
}

/** What a (verified) backup holds. */
export interface BackupContents {
  header: BackupHeader;
  tables: TableRecord[];
  rows: number;
  files: number;
  fileBytes: number;
  /** Referred to by the database but absent when the backup was made. */
  missingFiles: string[];
}

const ROWS_PER_FETCH = 2000;
const ROWS_PER_INSERT = 1000;
const CHARS_PER_INSERT = 4_000_000;

export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

// ---- catalog ------------------------------------------------------------------------------------------------

interface TableInfo {
  name: string;
  columns: { name: string; type: string; generated: boolean; identity: "" | "a" | "d" }[];
  primaryKey: string[];
  /** Tables of this schema its foreign keys point to (itself included). */
  references: string[];
  sequences: { column: string; sequence: string }[];
}

async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (table: string) => `public.${ident(table)}`;

/** Every table of schema public, with what backup and restore need to know of it. */
async function readCatalog(db: Executor): Promise<Map<string, TableInfo>> {
  const found = await rows<{
    name: string;
    columns: TableInfo["columns"];
    primary_key: string[] | null;
    references: string[] | null;
    sequences: TableInfo["sequences"] | null;
  }>(
    db,
    sql`select c.relname::text as name,
      (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                'generated', a.attgenerated <> '', 'identity', a.attidentity) order by a.attnum)
         from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
      (select json_agg(a.attname order by k.i)
         from pg_constraint p cross join lateral unnest(p.conkey) with ordinality k(n, i)
         join pg_attribute a on a.attrelid = c.oid and a.attnum = k.n
        where p.conrelid = c.oid and p.contype = 'p') as primary_key,
      (select json_agg(distinct r.relname::text)
         from pg_constraint f join pg_class r on r.oid = f.confrelid
        where f.conrelid = c.oid and f.contype = 'f' and r.relnamespace = c.relnamespace) as references,
      (select json_agg(json_build_object('column', a.attname, 'sequence', s.oid::regclass::text))
         from pg_depend d
         join pg_class s on s.oid = d.objid and s.relkind = 'S'
         join pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
          and d.refobjid = c.oid and d.deptype in ('a', 'i')) as sequences
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`,
  );
  return new Map(
    found.map((t) => [
      t.name,
      { name: t.name, columns: t.columns, primaryKey: t.primary_key ?? [], references: t.references ?? [], sequences: t.sequences ?? [] },
    ]),
  );
}

/**
 * Parents before children (foreign keys), alphabetical among equals. A table's references to itself
 * do not count: one INSERT … SELECT of the whole table satisfies them (see restore). A cycle between
 * tables is broken by name; the restore then says it cannot insert them.
 */
function insertOrder(catalog: Map<string, TableInfo>): string[] {
  const order: string[] = [];
  const pending = new Set([...catalog.keys()].sort());
  while (pending.size) {
    const ready =
      [...pending].find((name) => catalog.get(name)!.references.every((r) => r === name || !pending.has(r))) ??
      pending.values().next().value!;
    order.push(ready);
    pending.delete(ready);
  }
  return order;
}

export async function readMigrations(db: Executor): Promise<MigrationState> {
  const [exists] = await rows<{ table: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as table`);
  if (!exists?.table) return { count: 0, lastHash: null, lastCreatedAt: null };
  const [state] = await rows<{ count: number; last_hash: string | null; last_created_at: string | null }>(
    db,
    sql`select (select count(*)::int from drizzle.__drizzle_migrations) as count, hash as last_hash, created_at::text as last_created_at
        from (select 1) one left join (select hash, created_at from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) last on true`,
  );
  return { count: state!.count, lastHash: state!.last_hash, lastCreatedAt: state!.last_created_at };
}

// ---- writing ------------------------------------------------------------------------------------------------

/**
 * Writes a backup of everything to `out` (which is ended), or atomically to a file path. Returns what
 * was written.
 */
export async function writeBackup(database: Database, out: Writable | string, files?: BackupFiles): Promise<BackupContents> {
  if (typeof out === "string") return (await writeBackupFile(out, (stream) => writeBackup(database, stream, files))).contents;
  return database.db.transaction(
    async (tx) => {
      const catalog = await readCatalog(tx);
      const header: BackupHeader = {
        type: "header",
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        engine: database.engine,
        appVersion: APP_VERSION,
        migrations: await readMigrations(tx),
        tables: insertOrder(catalog),
      };
      const tables: TableRecord[] = [];
      const missingFiles: string[] = [];
      let fileCount = 0;
      let fileBytes = 0;
      const hash = createHash("sha256");
      let lines = 0;
      const content = (text: string, count: number) => {
        hash.update(text);
        lines += count;
        return text;
      };
      async function* produce() {
        yield content(`${JSON.stringify(header)}\n`, 1);
        for (const name of header.tables) {
          const record = await tableRecord(tx, catalog.get(name)!);
          tables.push(record);
          yield content(`${JSON.stringify(record)}\n`, 1);
          let written = 0;
          for await (const page of readRows(tx, catalog.get(name)!)) {
            written += page.length;
            yield content(`${page.map(oneLine).join("\n")}\n`, page.length);
          }
          if (written !== record.rows) throw new Error(`backup: ${name} gave ${written} rows, counted ${record.rows}`);
        }
        for (const key of files ? await files.keys(tx) : []) {
          const bytes = await files!.read(key);
          if (!bytes) {
            missingFiles.push(key);
            continue;
          }
          const chunks = Math.ceil(bytes.length / FILE_CHUNK_BYTES);
          const record: FileRecord = { type: "file", store: "evidence", key, bytes: bytes.length, chunks };
          yield content(`${JSON.stringify(record)}\n`, 1);
          for (let i = 0; i < chunks; i += 1) {
            yield content(`${Buffer.from(bytes.subarray(i * FILE_CHUNK_BYTES, (i + 1) * FILE_CHUNK_BYTES)).toString("base64")}\n`, 1);
          }
          fileCount += 1;
          fileBytes += bytes.length;
        }
        const footer: Footer = {
          type: "footer",
          rows: Object.fromEntries(tables.map((t) => [t.table, t.rows])),
          files: fileCount,
          missingFiles,
          lines,
          sha256: hash.digest("hex"),
        };
        yield `${JSON.stringify(footer)}\n`;
      }
      await pipeline(Readable.from(produce()), createGzip(), out);
      return { header, tables, rows: tables.reduce((sum, t) => sum + t.rows, 0), files: fileCount, fileBytes, missingFiles };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Only a `json` column can put a line break in row_to_json's text, and there only as whitespace. */
const oneLine = (json: string) => (json.includes("\n") || json.includes("\r") ? json.replace(/[\r\n]/g, " ") : json);

async function tableRecord(db: Executor, table: TableInfo): Promise<TableRecord> {
  const [counted] = await rows<{ n: string }>(db, sql.raw(`select count(*)::text as n from ${qualified(table.name)}`));
  const sequences: TableRecord["sequences"] = [];
  for (const { column, sequence } of table.sequences) {
    const [state] = await rows<{ next: string }>(
      db,
      sql.raw(`select (case when is_called then last_value + 1 else last_value end)::text as next from ${sequence}`),
    );
    sequences.push({ column, next: state!.next });
  }
  return {
    type: "table",
    table: table.name,
    columns: table.columns.map((c) => c.name),
    types: table.columns.map((c) => c.type),
    rows: Number(counted!.n),
    sequences,
  };
}

/** The rows of a table as JSON text, in primary-key order, a page at a time through a cursor. */
async function* readRows(db: Executor, table: TableInfo): AsyncGenerator<string[]> {
  const order = table.primaryKey.length ? ` order by ${table.primaryKey.map((c) => `t.${ident(c)}`).join(", ")}` : "";
  await db.execute(sql.raw(`declare chiso_backup no scroll cursor for select row_to_json(t)::text as j from ${qualified(table.name)} t${order}`));
  try {
    for (;;) {
      const page = await rows<{ j: string }>(db, sql.raw(`fetch ${ROWS_PER_FETCH} from chiso_backup`));
      if (page.length) yield page.map((r) => r.j);
      if (page.length < ROWS_PER_FETCH) break;
    }
  } finally {
    // Also when the reader went away mid-table; the transaction may be over by then.
    await db.execute(sql.raw("close chiso_backup")).catch(() => undefined);
  }
}

/**
 * Writes a backup file atomically: into a hidden temporary file beside it (mode 0600: a backup holds
 * password hashes), read back and verified, then renamed. An interrupted backup leaves no file under
 * the final name, and an earlier backup of that name stays whole until the new one is complete.
 * `produce` writes the backup to the stream and ends it.
 */
export async function writeBackupFile(
  path: string,
  produce: (out: Writable) => Promise<unknown>,
): Promise<{ contents: BackupContents; bytes: number }> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  let handle;
  try {
    handle = await open(temp, "wx", 0o600);
  } catch (error) {
    throw new AppError("backup.unwritable", "invalid", { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  try {
    const stream = handle.createWriteStream({ flush: true });
    const closed = new Promise<void>((resolve) => stream.once("close", () => resolve()));
    await produce(stream);
    await closed;
    const contents = await verifyBackup(temp);
    const { size } = await stat(temp);
    await rename(temp, path);
    return { contents, bytes: size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

// ---- reading ------------------------------------------------------------------------------------------------

/** A backup to read: a file path, or something that opens its bytes afresh (it is read twice). */
export type BackupSource = string | (() => Readable);

type Item =
  | { kind: "table"; record: TableRecord }
  | { kind: "rows"; table: string; lines: string[] }
  | { kind: "file"; key: string; bytes: Uint8Array };

/** The file's name for messages. */
const sourceName = (source: BackupSource) => (typeof source === "string" ? source : "backup");

/** Lines of the gunzipped source, a chunk's worth at a time. */
async function* readLines(source: BackupSource): AsyncGenerator<string[]> {
  const input = typeof source === "string" ? createReadStream(source) : source();
  const gunzip = createGunzip();
  input.once("error", (error: Error) => gunzip.destroy(error));
  const decoder = new StringDecoder("utf8");
  let rest = "";
  try {
    for await (const chunk of input.pipe(gunzip)) {
      const lines = (rest + decoder.write(chunk as Buffer)).split("\n");
      rest = lines.pop()!;
      yield lines;
    }
  } finally {
    input.destroy(); // when the reader stops early, pipe() would leave the file open
  }
  rest += decoder.end();
  if (rest) yield [rest];
}

/**
 * Reads a backup through, checking its structure, row counts and checksum as it goes; yields the
 * header, then the tables and their rows in batches. It throws at the first problem, and at the end if
 * the checksum or counts do not match: a caller writing inside a transaction rolls back.
 */
async function* readBackup(source: BackupSource, onHeader: (header: BackupHeader) => void, onFooter: (footer: Footer) => void = () => undefined): AsyncGenerator<Item> {
  const name = sourceName(source);
  const hash = createHash("sha256");
  let lineNumber = 0;
  let header: BackupHeader | undefined;
  let table: TableRecord | undefined;
  let remaining = 0;
  let batch: string[] = [];
  let batchChars = 0;
  let footer: Footer | undefined;
  const counted: Record<string, number> = {};
  let file: { record: FileRecord; chunks: Buffer[] } | undefined;
  let files = 0;
  const malformed = (reason: string) => new AppError("backup.malformed", "unprocessable", { path: name, line: lineNumber, reason });
  const parse = (line: string): Record<string, unknown> => {
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (!header) throw new AppError("backup.not-a-backup", "unprocessable", { path: name });
    throw malformed("not a JSON object");
  };
  try {
    for await (const lines of readLines(source)) {
      for (const line of lines) {
        lineNumber += 1;
        if (footer) throw malformed("text after the footer");
        if (file) {
          hash.update(`${line}\n`);
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(line)) throw malformed("a file chunk is not base64");
          file.chunks.push(Buffer.from(line, "base64"));
          if (file.chunks.length === file.record.chunks) {
            const bytes = new Uint8Array(Buffer.concat(file.chunks));
            if (bytes.length !== file.record.bytes || createHash("sha256").update(bytes).digest("hex") !== file.record.key) {
              throw new AppError("backup.checksum", "unprocessable", { path: name });
            }
            files += 1;
            yield { kind: "file", key: file.record.key, bytes };
            file = undefined;
          }
          continue;
        }
        if (remaining > 0) {
          hash.update(`${line}\n`);
          if (!line.startsWith("{")) throw malformed("a row is not a JSON object");
          batch.push(line);
          batchChars += line.length;
          remaining -= 1;
          if (remaining === 0 || batch.length >= ROWS_PER_INSERT || batchChars >= CHARS_PER_INSERT) {
            yield { kind: "rows", table: table!.table, lines: batch };
            batch = [];
            batchChars = 0;
          }
          continue;
        }
        const record = parse(line);
        if (!header) {
          if (record.type !== "header" || record.format !== BACKUP_FORMAT) {
            throw new AppError("backup.not-a-backup", "unprocessable", { path: name });
          }
          if (typeof record.formatVersion !== "number" || record.formatVersion > BACKUP_FORMAT_VERSION) {
            throw new AppError("backup.newer-format", "unprocessable", {
              path: name,
              formatVersion: String(record.formatVersion),
              appVersion: String(record.appVersion),
            });
          }
          header = record as unknown as BackupHeader;
          hash.update(`${line}\n`);
          onHeader(header);
        } else if (record.type === "table") {
          table = record as unknown as TableRecord;
          if (!header.tables.includes(table.table) || table.table in counted) throw malformed(`unexpected table ${table.table}`);
          if (!Array.isArray(table.columns) || !Number.isInteger(table.rows) || table.rows < 0) throw malformed("bad table record");
          hash.update(`${line}\n`);
          counted[table.table] = table.rows;
          remaining = table.rows;
          yield { kind: "table", record: table };
        } else if (record.type === "file" && header.formatVersion >= 2) {
          const candidate = record as unknown as FileRecord;
          const sound =
            candidate.store === "evidence" &&
            typeof candidate.key === "string" &&
            /^[0-9a-f]{64}$/.test(candidate.key) &&
            Number.isInteger(candidate.bytes) &&
            candidate.bytes > 0 &&
            Number.isInteger(candidate.chunks) &&
            candidate.chunks === Math.ceil(candidate.bytes / FILE_CHUNK_BYTES);
          if (!sound || Object.keys(counted).length !== header.tables.length) throw malformed("bad file record");
          hash.update(`${line}\n`);
          file = { record: candidate, chunks: [] };
        } else if (record.type === "footer") {
          footer = record as unknown as Footer;
        } else {
          throw malformed(`unknown record type ${JSON.stringify(record.type)}`);
        }
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AppError("file.not-found", "not-found", { path: name });
    if (code === "Z_DATA_ERROR" && !header) throw new AppError("backup.not-a-backup", "unprocessable", { path: name });
    if (code === "Z_BUF_ERROR" || code === "Z_DATA_ERROR") throw new AppError("backup.truncated", "unprocessable", { path: name });
    throw error;
  }
  if (!header) throw new AppError("backup.not-a-backup", "unprocessable", { path: name });
  if (!footer || file) throw new AppError("backup.truncated", "unprocessable", { path: name });
  const sameCounts =
    header.tables.length === Object.keys(counted).length &&
    header.tables.every((t) => footer!.rows?.[t] === counted[t]) &&
    (footer.files ?? 0) === files &&
    footer.lines === lineNumber - 1;
  if (!sameCounts || footer.sha256 !== hash.digest("hex")) {
    throw new AppError("backup.checksum", "unprocessable", { path: name });
  }
  onFooter(footer);
}

/** Reads a whole backup and checks it (structure, counts, checksum) without writing anything. */
export async function verifyBackup(source: BackupSource): Promise<BackupContents> {
  let header: BackupHeader | undefined;
  let footer: Footer | undefined;
  const tables: TableRecord[] = [];
  let files = 0;
  let fileBytes = 0;
  for await (const item of readBackup(source, (h) => (header = h), (f) => (footer = f))) {
    if (item.kind === "table") tables.push(item.record);
    if (item.kind === "file") {
      files += 1;
      fileBytes += item.bytes.length;
    }
  }
  return { header: header!, tables, rows: tables.reduce((sum, t) => sum + t.rows, 0), files, fileBytes, missingFiles: footer?.missingFiles ?? [] };
}

// ---- restoring ----------------------------------------------------------------------------------------------

interface TablePlan {
  /** INSERT … SELECT <columns> FROM, for a `from` clause to complete. */
  insert: string;
  /** The rows' record type, for json_populate_recordset. */
  rowType: string;
  /** A table whose foreign keys point to itself is staged whole, then inserted in one statement. */
  stage: string | undefined;
}

/**
 * Restores a backup into `database`, which must be migrated to the same version as the backup's source
 * and hold no rows. The file is verified completely first; then everything is inserted in one
 * transaction, and every sequence set past the restored ids (and never behind where the source's was).
 * `verified` (from verifyBackup of the same source) skips the first reading.
 */
export async function restoreBackup(database: Database, source: BackupSource, verified?: BackupContents, files?: RestoreFiles): Promise<BackupContents> {
  const name = sourceName(source);
  const contents = verified ?? (await verifyBackup(source));
  const { header } = contents;
  const migrations = await readMigrations(database.db);
  if (migrations.count !== header.migrations.count || migrations.lastCreatedAt !== header.migrations.lastCreatedAt) {
    throw new AppError("backup.migrations-mismatch", "unprocessable", {
      path: name,
      fileMigrations: header.migrations.count,
      appVersion: header.appVersion,
      databaseMigrations: migrations.count,
    });
  }
  const catalog = await readCatalog(database.db);
  const plans = new Map<string, TablePlan>();
  contents.tables.forEach((record, position) => {
    const table = catalog.get(record.table);
    const sameColumns =
      table && [...record.columns].sort().join("\u0000") === table.columns.map((c) => c.name).sort().join("\u0000");
    if (!table || !sameColumns) throw new AppError("backup.schema-mismatch", "unprocessable", { path: name, table: record.table });
    const earlier = new Set(contents.tables.slice(0, position).map((t) => t.table));
    const later = table.references.find((r) => r !== table.name && !earlier.has(r));
    if (later) throw new AppError("backup.schema-mismatch", "unprocessable", { path: name, table: `${table.name} → ${later}` });
    const columns = table.columns.filter((c) => !c.generated).map((c) => ident(c.name));
    const overriding = table.columns.some((c) => c.identity === "a") ? " overriding system value" : "";
    plans.set(record.table, {
      insert: `insert into ${qualified(table.name)} (${columns.join(", ")})${overriding} select ${columns.join(", ")} from`,
      rowType: qualified(table.name),
      stage: table.references.includes(table.name) ? ident(`chiso_restore_${position}`) : undefined,
    });
  });
  const missing = [...catalog.keys()].filter((t) => !plans.has(t));
  if (missing.length) throw new AppError("backup.schema-mismatch", "unprocessable", { path: name, table: missing.join(", ") });

  const written: string[] = [];
  try {
    await restoreRows(database, source, contents, plans, catalog, async (key, bytes) => {
      if (!files) return;
      await files.write(key, bytes);
      written.push(key);
    });
  } catch (error) {
    // The database rolled back: the files written for it go too (the target held none: it was empty).
    for (const key of written) await files!.remove(key).catch(() => undefined);
    throw error;
  }
  return contents;
}

async function restoreRows(
  database: Database,
  source: BackupSource,
  contents: BackupContents,
  plans: Map<string, TablePlan>,
  catalog: Map<string, TableInfo>,
  writeFile: (key: string, bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const name = sourceName(source);
  await database.db.transaction(async (tx) => {
    const filled = await nonEmptyTables(tx, [...catalog.keys()]);
    if (filled.length) {
      throw new AppError("backup.target-not-empty", "conflict", { location: database.location, tables: filled.join(", ") });
    }
    let current: { record: TableRecord; plan: TablePlan } | undefined;
    const finish = async () => {
      if (!current?.plan.stage) return;
      await tx.execute(sql.raw(`${current.plan.insert} pg_temp.${current.plan.stage}`));
      await tx.execute(sql.raw(`drop table pg_temp.${current.plan.stage}`));
    };
    for await (const item of readBackup(source, () => undefined)) {
      if (item.kind === "file") {
        await writeFile(item.key, item.bytes);
        continue;
      }
      if (item.kind === "table") {
        await finish();
        const plan = plans.get(item.record.table);
        if (!plan) throw new AppError("backup.checksum", "unprocessable", { path: name }); // the file changed since it was verified
        current = { record: item.record, plan };
        if (current.plan.stage) {
          await tx.execute(
            sql.raw(`create temporary table ${current.plan.stage} as select * from ${current.plan.rowType} with no data`),
          );
        }
        continue;
      }
      const { plan } = current!;
      const json = `[${item.lines.join(",")}]`;
      const from = sql`json_populate_recordset(null::${sql.raw(plan.rowType)}, ${json}::json)`;
      await tx.execute(
        plan.stage ? sql`insert into ${sql.raw(`pg_temp.${plan.stage}`)} select * from ${from}` : sql`${sql.raw(plan.insert)} ${from}`,
      );
    }
    await finish();
    for (const record of contents.tables) {
      for (const { column, sequence } of catalog.get(record.table)!.sequences) {
        const saved = record.sequences?.find((s) => s.column === column)?.next ?? "1";
        await tx.execute(
          sql`select setval(${sequence}::regclass, greatest(coalesce(max(${sql.raw(ident(column))}), 0) + 1, ${saved}::bigint), false)
              from ${sql.raw(qualified(record.table))}`,
        );
      }
    }
  });
}

/** Tables of `names` that hold at least one row. */
async function nonEmptyTables(db: Executor, names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const query = names
    .map((t) => `select ${`'${t.replaceAll("'", "''")}'`}::text as name where exists (select 1 from ${qualified(t)})`)
    .join(" union all ");
  return (await rows<{ name: string }>(db, sql.raw(query))).map((r) => r.name);
}
