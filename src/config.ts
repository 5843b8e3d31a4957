/**
 * The whole configuration, read once from the environment and validated. Each entry says what it does;
 * README's "Configuration" table is this list.
 */
import { resolve } from "node:path";
import { z } from "zod";

const schema = z.object({
  port: z.coerce.number().int().min(1).max(65535).default(3000).describe("PORT: HTTP port."),
  host: z.string().default("127.0.0.1").describe("HOST: address to listen on; 0.0.0.0 to serve other machines."),
  dataDir: z.string().default("./.chiso").describe("CHISO_DATA_DIR: embedded database and files."),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .describe("DATABASE_URL: use this PostgreSQL instead of the embedded database."),
  lang: z.enum(["vi", "en"]).default("vi").describe("CHISO_LANG: language of CLI messages."),
  weakRatio: z.coerce
    .number()
    .gt(0)
    .lt(1)
    .default(0.4)
    .describe("CHISO_WEAK_RATIO: a sub-dimension is weak below this share of its maximum."),
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30)
    .describe("CHISO_SESSION_IDLE_MINUTES: a session ends after this long without a request."),
  sessionMaxHours: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12)
    .describe("CHISO_SESSION_MAX_HOURS: a session ends this long after sign-in, however active."),
  loginMaxFailures: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe("CHISO_LOGIN_MAX_FAILURES: failed sign-ins in a row before the account is locked (15 min, doubling)."),
  secureCookies: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1")
    .describe("CHISO_SECURE_COOKIES: 1 behind HTTPS: the session cookie is Secure and __Host- prefixed."),
  adminUsername: z
    .string()
    .optional()
    .describe("CHISO_ADMIN_USERNAME: on start, create this administrator if there is none yet (with CHISO_ADMIN_PASSWORD)."),
  adminPassword: z.string().optional().describe("CHISO_ADMIN_PASSWORD: the first administrator's password (read once)."),
  demo: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1")
    .describe("CHISO_DEMO: 1 = demonstration: a sample province with sample people whose password the login page shows."),
  maxUploadMb: z.coerce.number().positive().max(200).default(20).describe("CHISO_MAX_UPLOAD_MB: largest import file."),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, "CHISO_SMTP_URL must start with smtp:// or smtps://")
    .optional()
    .describe("CHISO_SMTP_URL: send notifications by e-mail through this server (smtp://user:password@host:587); none when unset."),
  mailFrom: z.string().default("Chỉ Số <no-reply@localhost>").describe("CHISO_MAIL_FROM: the sender of notification e-mails."),
  logRequests: z
    .enum(["0", "1"])
    .default("1")
    .transform((v) => v === "1")
    .describe("CHISO_LOG_REQUESTS: log one line per request (0 to turn off)."),
  evidenceS3Url: z
    .string()
    .regex(/^https?:\/\/[^/]+\/[^/]+/, "CHISO_EVIDENCE_S3_URL must be http(s)://host/bucket (path-style)")
    .optional()
    .describe("CHISO_EVIDENCE_S3_URL: keep evidence files in this S3-compatible bucket (https://host/bucket[/prefix]) instead of the data directory."),
  evidenceS3Region: z.string().default("us-east-1").describe("CHISO_EVIDENCE_S3_REGION: the bucket's region (for the request signature)."),
  evidenceS3AccessKey: z.string().optional().describe("CHISO_EVIDENCE_S3_ACCESS_KEY: access key of the evidence bucket."),
  evidenceS3SecretKey: z.string().optional().describe("CHISO_EVIDENCE_S3_SECRET_KEY: secret key of the evidence bucket."),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.CHISO_DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    lang: env.CHISO_LANG,
    weakRatio: env.CHISO_WEAK_RATIO,
    sessionIdleMinutes: env.CHISO_SESSION_IDLE_MINUTES,
    sessionMaxHours: env.CHISO_SESSION_MAX_HOURS,
    loginMaxFailures: env.CHISO_LOGIN_MAX_FAILURES,
    secureCookies: env.CHISO_SECURE_COOKIES,
    adminUsername: env.CHISO_ADMIN_USERNAME || undefined,
    adminPassword: env.CHISO_ADMIN_PASSWORD || undefined,
    demo: env.CHISO_DEMO,
    maxUploadMb: env.CHISO_MAX_UPLOAD_MB,
    smtpUrl: env.CHISO_SMTP_URL || undefined,
    mailFrom: env.CHISO_MAIL_FROM || undefined,
    logRequests: env.CHISO_LOG_REQUESTS,
    evidenceS3Url: env.CHISO_EVIDENCE_S3_URL || undefined,
    evidenceS3Region: env.CHISO_EVIDENCE_S3_REGION || undefined,
    evidenceS3AccessKey: env.CHISO_EVIDENCE_S3_ACCESS_KEY || undefined,
    evidenceS3SecretKey: env.CHISO_EVIDENCE_S3_SECRET_KEY || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join("\n")}`);
  }
  const config = { ...parsed.data, ...overrides };
  if (config.evidenceS3Url && !(config.evidenceS3AccessKey && config.evidenceS3SecretKey)) {
    throw new Error(
      "Cấu hình không hợp lệ / invalid configuration:\n- CHISO_EVIDENCE_S3_URL: cần cả CHISO_EVIDENCE_S3_ACCESS_KEY và CHISO_EVIDENCE_S3_SECRET_KEY / needs CHISO_EVIDENCE_S3_ACCESS_KEY and CHISO_EVIDENCE_S3_SECRET_KEY",
    );
  }
  // "memory://" is PGlite's throw-away in-memory database (tests), not a path.
  return { ...config, dataDir: config.dataDir === "memory://" ? config.dataDir : resolve(config.dataDir) };
}

/** Name, meaning and default of every setting, for `chiso config` and the README. */
export function describeConfig(): { setting: string; default: unknown }[] {
  return Object.entries(schema.shape).map(([, field]) => ({
    setting: field.description ?? "",
    // Shown as written in the environment: the log switch is "1"/"0", not true/false.
    default: ((value: unknown) => (typeof value === "boolean" ? (value ? "1" : "0") : value))(
      (field as z.ZodType).safeParse(undefined).data,
    ),
  }));
}
