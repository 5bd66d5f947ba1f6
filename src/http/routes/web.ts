/**
 * The browser app, built by Vite into `dist/web`: `GET /` answers `index.html` (the app
 * routes by the URL hash, so no other page URL exists) and `GET /assets/*` the hashed
 * files, cached for a year. Only files found in the build at start are served: a request
 * names a key of that table, never a path on disk, so `..` leads nowhere. Without a build
 * the page says how to make one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { WEB_NOT_BUILT_HTML } from "../home-page.js";
import { PROBLEM_CONTENT_TYPE, problem } from "../problem.js";
import type { RouteContext } from "../route-context.js";

/** `src/http/routes` and `dist/http/routes` are both three levels below the package root. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/**
 * The page runs only its own script and style; it talks only to this origin. User text is
 * rendered by React as text, and this keeps any slip from running.
 */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

interface Asset {
  body: Buffer;
  type: string;
}

/** Every file under `assets/`, keyed by its URL path below `/assets/`. */
function loadAssets(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const dir = join(root, "assets");
  if (!existsSync(dir)) return assets;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else {
        const key = relative(dir, file).split(sep).join("/");
        assets.set(key, { body: readFileSync(file), type: TYPES[extname(name)] ?? "application/octet-stream" });
      }
    }
  };
  walk(dir);
  return assets;
}

export function registerWebRoutes({ book }: RouteContext, root: string = DEFAULT_WEB_ROOT): void {
  const indexFile = join(root, "index.html");
  const index = existsSync(indexFile) ? readFileSync(indexFile, "utf8") : null;
  const assets = loadAssets(root);

  book.add(
    {
      method: "GET",
      url: "/",
      access: "public",
      operationId: "webApp",
      summary: "The web app (incident list, war room, postmortems, training); its data needs a token",
      tag: "meta",
      response: { status: 200, description: "HTML", contentType: "text/html" },
      errors: [],
    },
    async (_request, reply) => {
      reply
        .type("text/html; charset=utf-8")
        .header("Content-Security-Policy", WEB_CSP)
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache");
      return index ?? WEB_NOT_BUILT_HTML;
    },
  );

  book.add(
    {
      method: "GET",
      url: "/assets/*",
      access: "public",
      operationId: "webAsset",
      summary: "The web app's scripts and styles (content-hashed names, cached for a year)",
      tag: "meta",
      params: { "*": "File name under assets/, as built" },
      response: { status: 200, description: "The file", contentType: "application/octet-stream" },
      errors: [404],
    },
    async (request, reply) => {
      const name = (request.params as { "*": string })["*"];
      const asset = assets.get(name);
      if (!asset) {
        const body = problem(
          "route.not_found",
          `no asset ${name.slice(0, 200)}; reload the page (the app may have been rebuilt)`,
          [{ field: "(path)", message: "no such asset" }],
        );
        return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
      }
      reply
        .type(asset.type)
        .header("Cache-Control", "public, max-age=31536000, immutable")
        .header("Content-Security-Policy", WEB_CSP);
      return asset.body;
    },
  );
}
