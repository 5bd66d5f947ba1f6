/**
 * API tokens from the terminal (local file, or --server with an admin token):
 *
 *   warroom token create --person sarah-db --role responder [--name laptop]   prints the token ONCE
 *   warroom token list                                                         no secrets; last use
 *   warroom token revoke TOK-0A1B2C3D4E
 */
import type { Command } from "commander";
import type { TokenView } from "../../app/auth/token-service.js";
import { ROLES } from "../../domain/people/roles.js";
import { action, type CliContext } from "../context.js";
import { directoryAccess } from "./directory-access.js";

function tokenLine(t: TokenView): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? "never"}`;
  return `${t.id}  ${t.person.padEnd(14)} ${t.role.padEnd(9)} ${state}${t.name ? `  (${t.name})` : ""}`;
}

export function registerTokenCommands(program: Command, ctx: CliContext): void {
  const token = program.command("token").description("API tokens for signing in to a server");

  token
    .command("create")
    .description("create a token for a person in the directory; it is printed once and stored only as a hash")
    .requiredOption("--person <handle>", "whose token it is (must be in the directory)")
    .requiredOption("--role <role>", `what it may do: ${ROLES.join(", ")} (docs/permissions.md)`)
    .option("--name <name>", "a label, e.g. the machine it is for")
    .action(
      action<{ person: string; role: string; name?: string }>(ctx, async (_args, opts) => {
        const created = await (await directoryAccess(ctx)).createToken({
          person: opts.person,
          role: opts.role,
          ...(opts.name === undefined ? {} : { name: opts.name }),
        });
        if (ctx.json) {
          ctx.printJson(created);
          return;
        }
        ctx.print(created.token);
        ctx.io.stderr.write(
          `✓ ${created.record.id} for ${created.record.person} (${created.record.role}). This is the only time the token is shown.\n` +
            `  Sign in: warroom login --server <url> --token <token>   or the web page's #token=<token>\n`,
        );
      }),
    );

  token
    .command("list")
    .description("every token, with its person, role and last use (never the secret)")
    .action(
      action(ctx, async () => {
        const tokens = await (await directoryAccess(ctx)).tokens();
        if (ctx.json) ctx.printJson({ tokens });
        else
          ctx.print(
            tokens.length === 0 ? "no tokens (warroom token create --person P --role R)" : tokens.map(tokenLine),
          );
      }),
    );

  token
    .command("revoke")
    .description("revoke a token: it stops working at once")
    .argument("<id>", "the token id, e.g. TOK-0A1B2C3D4E")
    .action(
      action(ctx, async ([id]) => {
        const revoked = await (await directoryAccess(ctx)).revokeToken(id ?? "");
        if (ctx.json) ctx.printJson(revoked);
        else ctx.print(`✓ revoked ${revoked.id} (${revoked.person}, ${revoked.role})`);
      }),
    );
}
