/**
 * Before the browser tests: build the web app into `dist/web` when it is missing or older
 * than any file under `web/` (the e2e servers serve that build).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const BUILT = join(ROOT, "dist", "web", "index.html");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const stat = statSync(file);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(file) : stat.mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  return newestMtime(join(ROOT, "web")) > statSync(BUILT).mtimeMs;
}

export default function setup(): void {
  if (!webBuildIsStale()) return;
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--config", "web/vite.config.ts"],
    {
      cwd: ROOT,
      // Vitest sets NODE_ENV=test, which would give a development build of React.
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}
