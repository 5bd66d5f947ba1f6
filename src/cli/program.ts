/** The commander program: global options and every command group. */
import { createRequire } from "node:module";
import { Command } from "commander";
import { registerAlertCommands } from "./commands/alerts.js";
import { registerAuditCommands } from "./commands/audit.js";
import { registerBackupCommand } from "./commands/backup.js";
import { registerCertCommands } from "./commands/cert.js";
import { registerCommsCommands } from "./commands/comms.js";
import { registerDataCommands } from "./commands/data.js";
import { registerDecisionCommands } from "./commands/decisions.js";
import { registerIncidentCommands } from "./commands/incidents.js";
import { registerLintCommand } from "./commands/lint.js";
import { registerLoginCommand } from "./commands/login.js";
import { registerPeopleCommands } from "./commands/people.js";
import { registerPostmortemCommands } from "./commands/postmortem.js";
import { registerRoleCommands } from "./commands/roles.js";
import { registerRosterCommands } from "./commands/roster.js";
import { registerSearchCommand } from "./commands/search.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTokenCommands } from "./commands/token.js";
import { registerTrainCommand } from "./commands/train.js";
import { registerTriageCommands } from "./commands/triage.js";
import { registerWebhookCommands } from "./commands/webhook.js";
import { registerWorkCommands } from "./commands/work.js";
import type { CliContext } from "./context.js";

function packageVersion(): string {
  try {
    // Two levels below the package root both in src/cli and dist/cli.
    return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("warroom")
    .description("Warroom: command an incident from the terminal (one timeline, roles, tasks, decisions, updates)")
    .version(packageVersion(), "-V, --version")
    .option("--db <path>", "SQLite file (env WARROOM_DB; default ./data/warroom.db)")
    .option("--server <url>", "talk to a running Warroom server instead of the file (env WARROOM_SERVER)")
    .option("--as <handle>", "who is acting (env WARROOM_USER; default: your OS user name)")
    .option("--token <token>", "API token for --server (env WARROOM_TOKEN; default: the one `warroom login` saved)")
    .option("--json", "machine-readable output on stdout (and the error as JSON on stderr)")
    .option("--config <file>", "config file (env WARROOM_CONFIG; default ./warroom.config.json if present)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void ctx.io.stdout.write(text),
      writeErr: (text) => void ctx.io.stderr.write(text),
    });
  registerIncidentCommands(program, ctx);
  registerSearchCommand(program, ctx);
  registerRoleCommands(program, ctx);
  registerCommsCommands(program, ctx);
  registerLintCommand(program, ctx);
  registerWorkCommands(program, ctx);
  registerDecisionCommands(program, ctx);
  registerPostmortemCommands(program, ctx);
  registerServeCommand(program, ctx);
  registerWebhookCommands(program, ctx);
  registerAlertCommands(program, ctx);
  registerPeopleCommands(program, ctx);
  registerRosterCommands(program, ctx);
  registerTriageCommands(program, ctx);
  registerTokenCommands(program, ctx);
  registerLoginCommand(program, ctx);
  registerTrainCommand(program, ctx);
  registerCertCommands(program, ctx);
  registerAuditCommands(program, ctx);
  registerBackupCommand(program, ctx);
  registerDataCommands(program, ctx);
  return program;
}
