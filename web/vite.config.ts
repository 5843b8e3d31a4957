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
    // ECharts with maps, bars, lines and the SVG renderer is ~610 kB minified (~200 kB gzip), in its own chunk.
    chunkSizeWarningLimit: 700,
    // Libraries change less often than the app: separate chunks stay in browsers' caches across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: "mantine", test: /node_modules[\\/]@mantine[\\/]/ },
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
