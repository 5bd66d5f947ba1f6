/**
 * The people directory and API tokens for the CLI, the same calls on the local file
 * (the app) or a server (`--server`, over /api/people and /api/tokens).
 */
import type { TokenView } from "../../app/auth/token-service.js";
import type { ImportResult } from "../../app/people/people-service.js";
import { WarroomApp } from "../../app/warroom-app.js";
import { WarroomHttpClient } from "../../client/http-client.js";
import type { Person } from "../../domain/people/person.js";
import { WarroomError } from "../../domain/shared/errors.js";
import type { CliContext } from "../context.js";

export interface DirectoryAccess {
  list(): Promise<Person[]>;
  get(handle: string): Promise<Person>;
  add(input: Record<string, unknown>): Promise<Person>;
  update(handle: string, changes: Record<string, unknown>): Promise<Person>;
  remove(handle: string): Promise<Person>;
  importPeople(rows: unknown[]): Promise<ImportResult>;
  tokens(): Promise<TokenView[]>;
  createToken(input: Record<string, unknown>): Promise<{ token: string; record: TokenView }>;
  revokeToken(id: string): Promise<TokenView>;
  /** People added explicitly to an incident; `change` adds or removes one. */
  members(incidentId: string, change?: { kind: "add" | "remove"; person: string }): Promise<MembersView>;
}

export interface MembersView {
  incidentId: string;
  private: boolean;
  added: string[];
}

const seg = encodeURIComponent;

export async function directoryAccess(ctx: CliContext): Promise<DirectoryAccess> {
  const api = await ctx.api();
  const actor = ctx.actor();
  if (api instanceof WarroomApp) {
    const acting = { actor };
    return {
      list: async () => api.people.list(),
      get: async (handle) => api.people.require(handle),
      add: (input) => api.people.add(input, acting),
      update: (handle, changes) => api.people.update(handle, changes, acting),
      remove: (handle) => api.people.remove(handle, acting),
      importPeople: (rows) => api.people.importPeople(rows, acting),
      tokens: async () => api.tokens.list(),
      createToken: async (input) => {
        const { token, view } = await api.tokens.create(input, acting);
        return { token, record: view };
      },
      revokeToken: (id) => api.tokens.revoke(id, acting),
      members: async (incidentId, change) => {
        const detail = await api.getIncident(incidentId);
        const added = change
          ? await api.members.change(change.kind, detail.id, { person: change.person }, actor)
          : [...api.members.of(detail.id)].sort();
        return { incidentId: detail.id, private: detail.private, added };
      },
    };
  }
  if (api instanceof WarroomHttpClient) {
    return {
      list: async () => (await api.request<{ people: Person[] }>("GET", "/api/people")).people,
      get: (handle) => api.request("GET", `/api/people/${seg(handle)}`),
      add: (input) => api.request("POST", "/api/people", input, actor),
      update: (handle, changes) => api.request("PATCH", `/api/people/${seg(handle)}`, changes, actor),
      remove: (handle) => api.request("DELETE", `/api/people/${seg(handle)}`, undefined, actor),
      importPeople: (rows) => api.request("POST", "/api/people/import", { people: rows }, actor),
      tokens: async () => (await api.request<{ tokens: TokenView[] }>("GET", "/api/tokens")).tokens,
      createToken: (input) => api.request("POST", "/api/tokens", input, actor),
      revokeToken: (id) => api.request("POST", `/api/tokens/${seg(id)}/revoke`, {}, actor),
      members: (incidentId, change) =>
        change
          ? api.request(
              "POST",
              `/api/incidents/${seg(incidentId)}/members${change.kind === "remove" ? "/remove" : ""}`,
              { person: change.person },
              actor,
            )
          : api.request("GET", `/api/incidents/${seg(incidentId)}/members`),
    };
  }
  throw new WarroomError("internal", "unknown connection");
}
