/**
 * The CLI's people and token commands on the local file, and against a server with auth
 * on: the first start's admin token, `warroom login` saving it, --token / WARROOM_TOKEN,
 * and a refused role naming itself.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { cli, tempDir } from "../cli/helpers.js";

const dir = tempDir("warroom-auth-cli-");
const env = { WARROOM_USER: "alex-ic", WARROOM_CREDENTIALS: join(dir.dir, "credentials.json") };
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    config: buildConfig({ dbPath: join(dir.dir, "server.db"), port: 0, logLevel: "silent" }),
  });
});
afterAll(async () => {
  await server.close();
  dir.cleanup();
});

describe("warroom people and token on the local file", () => {
  it("adds, updates, lists, shows and removes people, refusing bad input by field", async () => {
    const db = ["--db", dir.db];
    const added = await cli(
      [
        ...db,
        "people",
        "add",
        "sarah-db",
        "--name",
        "Sarah Chen",
        "--skill",
        "postgres",
        "--skill",
        "Backups",
        "--ic",
        "--json",
      ],
      { env },
    );
    expect(added.code).toBe(0);
    expect(added.json()).toEqual({
      handle: "sarah-db",
      name: "Sarah Chen",
      contact: "",
      skills: ["postgres", "backups"],
      icQualified: true,
      available: true,
    });
    const dup = await cli([...db, "people", "add", "SARAH-DB", "--name", "Again", "--json"], { env });
    expect(dup.code).toBe(4);
    expect(dup.problem().code).toBe("person.exists");
    const bad = await cli([...db, "people", "add", "two words", "--name", "X", "--json"], { env });
    expect(bad.code).toBe(2);
    expect(bad.problem().errors[0]?.field).toBe("handle");
    const updated = await cli(
      [...db, "people", "update", "sarah-db", "--unavailable", "--contact", "+44 20 7946 0000", "--json"],
      { env },
    );
    expect(updated.json()).toMatchObject({ available: false, contact: "+44 20 7946 0000", icQualified: true });
    const unknown = await cli([...db, "people", "update", "nobody", "--name", "N", "--json"], { env });
    expect(unknown.code).toBe(3);
    const list = await cli([...db, "people", "list"], { env });
    expect(list.stdout).toContain("sarah-db");
    expect(list.stdout).toContain("unavailable");
    expect((await cli([...db, "people", "list", "--available", "--json"], { env })).json()).toEqual({ people: [] });
    expect((await cli([...db, "people", "show", "Sarah-DB"], { env })).stdout).toContain("IC-qualified: yes");
    expect((await cli([...db, "people", "remove", "sarah-db"], { env })).code).toBe(0);
    expect((await cli([...db, "people", "show", "sarah-db", "--json"], { env })).code).toBe(3);
  });

  it("creates a token shown once, lists it without the secret, revokes it", async () => {
    const db = ["--db", dir.db];
    await cli([...db, "people", "add", "lisa-sre", "--name", "Lisa"], { env });
    const created = await cli(
      [...db, "token", "create", "--person", "lisa-sre", "--role", "responder", "--name", "laptop"],
      { env },
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^wrt_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("only time");
    const listed = await cli([...db, "token", "list", "--json"], { env });
    expect(listed.stdout).not.toContain(token.slice(4));
    const [record] = listed.json<{ tokens: { id: string; lastUsedAt: null; role: string }[] }>().tokens;
    expect(record).toMatchObject({ role: "responder", lastUsedAt: null });
    const badRole = await cli([...db, "token", "create", "--person", "lisa-sre", "--role", "root", "--json"], { env });
    expect(badRole.problem().errors[0]?.field).toBe("role");
    const nobody = await cli([...db, "token", "create", "--person", "ghost", "--role", "viewer", "--json"], { env });
    expect(nobody.problem().code).toBe("person.not_found");
    expect((await cli([...db, "token", "revoke", record?.id ?? ""], { env })).stdout).toContain("revoked");
    expect((await cli([...db, "token", "revoke", record?.id ?? "", "--json"], { env })).problem().code).toBe(
      "token.revoked",
    );
  });
});

describe("warroom members on the local file", () => {
  it("adds and removes people on a private incident, refusing a bad change", async () => {
    const db = ["--db", dir.db];
    const declared = await cli([...db, "declare", "Keys leaked", "--sev", "SEV-1", "--private", "--json"], { env });
    const id = declared.json<{ id: string }>().id;
    expect(id).toMatch(/^INC-P/);
    const added = await cli([...db, "members", id, "add", "@Legal-Team", "--json"], { env });
    expect(added.json()).toEqual({ incidentId: id, private: true, added: ["legal-team"] });
    expect((await cli([...db, "members", id], { env })).stdout).toContain("added: legal-team");
    expect((await cli([...db, "members", id, "remove", "legal-team", "--json"], { env })).json()).toMatchObject({
      added: [],
    });
    expect((await cli([...db, "members", id, "remove", "legal-team", "--json"], { env })).problem().code).toBe(
      "person.not_found",
    );
    expect((await cli([...db, "members", id, "invite", "x", "--json"], { env })).problem().errors[0]?.field).toBe(
      "change",
    );
    expect((await cli([...db, "members", "INC-999", "--json"], { env })).code).toBe(3);
  });
});

describe("the CLI against a server with auth on", () => {
  it("the first start made an admin token; login saves it (0600); commands then sign in by themselves", async () => {
    expect(server.bootstrap?.person).toBe("admin");
    const adminToken = server.bootstrap?.token ?? "";
    const url = server.url;
    const refused = await cli(["--server", url, "list", "--json"], { env });
    expect(refused.code).toBe(5);
    expect(refused.problem().code).toBe("auth.missing_token");
    const login = await cli(["--server", url, "--token", adminToken, "login"], { env });
    expect(login.code).toBe(0);
    expect(login.stdout).toContain("as admin (admin)");
    expect(statSync(env.WARROOM_CREDENTIALS).mode & 0o777).toBe(0o600);
    expect(readFileSync(env.WARROOM_CREDENTIALS, "utf8")).toContain(adminToken);
    // Saved: no --token needed now. The admin adds a responder and gives them a token.
    expect((await cli(["--server", url, "people", "add", "mike-app", "--name", "Mike"], { env })).code).toBe(0);
    const created = await cli(["--server", url, "token", "create", "--person", "mike-app", "--role", "viewer"], {
      env,
    });
    const viewerToken = created.stdout.trim();
    // WARROOM_TOKEN wins over the saved token: a viewer may read but not declare.
    const asViewer = { ...env, WARROOM_TOKEN: viewerToken, WARROOM_USER: "" };
    expect((await cli(["--server", url, "list", "--json"], { env: asViewer })).code).toBe(0);
    const declare = await cli(["--server", url, "declare", "Checkout down", "--sev", "SEV-2", "--json"], {
      env: asViewer,
    });
    expect(declare.code).toBe(5);
    expect(declare.problem().code).toBe("auth.forbidden");
    // The admin declares; the actor is the token's person, not the OS user.
    const declared = await cli(["--server", url, "declare", "Checkout down", "--sev", "SEV-2", "--json"], {
      env: { ...env, WARROOM_USER: "" },
    });
    expect(declared.json<{ declaredBy: string }>().declaredBy).toBe("admin");
    const tokens = await cli(["--server", url, "token", "list", "--json"], { env });
    const mine = tokens
      .json<{ tokens: { person: string; lastUsedAt: string | null }[] }>()
      .tokens.find((t) => t.person === "mike-app");
    expect(mine?.lastUsedAt).not.toBeNull();
  });
});
