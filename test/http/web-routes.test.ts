/** `GET /` and `/assets/*`: the built web app with the right types, caching and CSP, and nothing else from disk. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";

let dir: string;
let app: WarroomApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "warroom-web-"));
  const web = join(dir, "web");
  mkdirSync(join(web, "assets", "fonts"), { recursive: true });
  writeFileSync(join(web, "index.html"), '<!doctype html><div id="root"></div>');
  writeFileSync(join(web, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(join(web, "assets", "index-abc123.css"), "body{}");
  writeFileSync(join(web, "assets", "fonts", "a.woff2"), "font");
  writeFileSync(join(dir, "secret.txt"), "do not serve");
  app = await createWarroomApp(buildConfig({ dbPath: join(dir, "w.db") }));
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const httpWith = (webRoot: string) => buildHttpApp({ app, bodyLimitBytes: 65536, webRoot });

describe("the web app routes", () => {
  it("serves index.html at / with a strict CSP and no caching", async () => {
    const http = httpWith(join(dir, "web"));
    const response = await http.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-cache");
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.body).toContain('<div id="root">');
    await http.close();
  });

  it("serves hashed assets with their content type and a year's cache, nested folders included", async () => {
    const http = httpWith(join(dir, "web"));
    const js = await http.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.body).toBe("console.log(1)");
    const css = await http.inject({ method: "GET", url: "/assets/index-abc123.css" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    const font = await http.inject({ method: "GET", url: "/assets/fonts/a.woff2" });
    expect(font.headers["content-type"]).toBe("font/woff2");
    await http.close();
  });

  it("answers problem+json 404 for anything not in the build, traversal attempts included", async () => {
    const http = httpWith(join(dir, "web"));
    for (const url of [
      "/assets/nope.js",
      "/assets/../secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/assets/",
      "/secret.txt",
    ]) {
      const response = await http.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"], url).toContain("application/problem+json");
      expect(response.body, url).not.toContain("do not serve");
    }
    await http.close();
  });

  it("says how to build the app when there is no build", async () => {
    const http = httpWith(join(dir, "missing"));
    const response = await http.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("npm run build");
    expect(response.body).not.toContain("<script");
    await http.close();
  });

  it("is public in the OpenAPI document", async () => {
    const http = httpWith(join(dir, "web"));
    const doc = (await http.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/", "/assets/*"]));
    await http.close();
  });
});
