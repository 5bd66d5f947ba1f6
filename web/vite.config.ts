/**
 * The browser app: root `web/`, built into `dist/web` (served by `warroom serve` at `/`).
 * Run from the repository root: `vite build --config web/vite.config.ts`.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: "web",
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
  },
  server: {
    // `npm run dev:web` next to `warroom serve` on :3000.
    proxy: { "/api": "http://127.0.0.1:3000", "/healthz": "http://127.0.0.1:3000" },
  },
});
