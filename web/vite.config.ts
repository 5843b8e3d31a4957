import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The explorer is built into web/dist and served by the Chỉ Số server (src/http/app.ts).
// `npm run dev:web` serves it with hot reload and forwards /api to a server on :3000.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: { "@domain": fileURLToPath(new URL("../src/domain", import.meta.url)) },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
