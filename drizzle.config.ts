import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from src/db/schema.ts into drizzle/ (`npm run db:generate`).
// The app applies them itself at start, on PGlite and on PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
  casing: "snake_case",
});
