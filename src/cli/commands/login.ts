/**
 * `warroom login --server URL --token T`: checks the token against the server
 * (GET /api/me) and saves it in the credentials file, so later `--server URL` commands
 * sign in by themselves. `--token -` reads it from stdin (keeps it out of shell history).
 */
import type { Command } from "commander";
import { WarroomHttpClient } from "../../client/http-client.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { serverUrl } from "../connect.js";
import { action, type CliContext } from "../context.js";
import { credentialsPath, saveToken } from "../credentials.js";

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stdin) text += String(chunk);
  return text;
}

export function registerLoginCommand(program: Command, ctx: CliContext): void {
  program
    .command("login")
    .description("save an API token for a server (checked first), so --server commands sign in")
    .action(
      action(ctx, async () => {
        const url = serverUrl(ctx.globals, ctx.io.env);
        if (!url) {
          throw new WarroomError(
            "validation.failed",
            "say which server: warroom login --server http://host:3000 --token …",
            [{ field: "--server", message: "required" }],
          );
        }
        let token = (ctx.globals.token ?? ctx.io.env.WARROOM_TOKEN ?? "").trim();
        if (token === "-") token = (await readStdin(process.stdin)).trim();
        if (!token) {
          throw new WarroomError("validation.failed", "give the token: --token <token> (or --token - to read stdin)", [
            { field: "--token", message: "required" },
          ]);
        }
        const client = new WarroomHttpClient(url, { token });
        try {
          const me = await client.request<{ auth: string; person: string | null; role: string }>("GET", "/api/me");
          const path = credentialsPath(ctx.io.env);
          saveToken(path, url, token, me.person ?? "");
          if (ctx.json) ctx.printJson({ server: url, person: me.person, role: me.role, auth: me.auth, saved: path });
          else
            ctx.print(`✓ signed in to ${url} as ${me.person ?? "(auth is off)"} (${me.role}); token saved in ${path}`);
        } finally {
          await client.close();
        }
      }),
    );
}
