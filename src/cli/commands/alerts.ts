/**
 * Alert ingestion from the terminal, read from the config (nothing is stored):
 *
 *   warroom alerts receivers           the configured receivers, their URLs and the rules
 *   warroom alerts try <receiver> <file|->   what the rules would do with a payload (dry run)
 *
 * `try` reads the payload as the receiver would (Alertmanager, Grafana or the generic
 * mapping) and prints each alert's fingerprint, group and verdict, so a rules change can
 * be checked before it meets a real alert.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { WarroomError } from "../../domain/shared/errors.js";
import { type ResolvedAlertsConfig, resolveAlertsConfig } from "../../integrations/alerts/alert-config.js";
import { normalise } from "../../integrations/alerts/normalise.js";
import { groupKeyOf, judge } from "../../integrations/alerts/rules.js";
import { configFrom } from "../connect.js";
import { action, type CliContext } from "../context.js";

function alertsConfig(ctx: CliContext): ResolvedAlertsConfig {
  return resolveAlertsConfig(configFrom(ctx.globals, ctx.io).alerts, ctx.io.env as NodeJS.ProcessEnv);
}

async function readPayload(file: string): Promise<unknown> {
  let text: string;
  try {
    if (file === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
      text = Buffer.concat(chunks).toString("utf8");
    } else {
      text = await readFile(file, "utf8");
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WarroomError("validation.failed", `cannot read ${file}: ${code === "ENOENT" ? "no such file" : code}`, [
      { field: "file", message: "a JSON payload file, or - for standard input" },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new WarroomError("request.malformed_json", `${file} is not valid JSON`, [
      { field: "file", message: "not JSON" },
    ]);
  }
}

export function registerAlertCommands(program: Command, ctx: CliContext): void {
  const alerts = program.command("alerts").description("alert receivers and rules from the config (nothing stored)");
  alerts
    .command("receivers")
    .description("the configured receivers (POST /api/alerts/<name>) and the rules, in order")
    .action(
      action<object>(ctx, async () => {
        const config = alertsConfig(ctx);
        const receivers = [...config.receivers.values()].map((r) => ({
          name: r.name,
          kind: r.kind,
          auth: r.auth.type,
          actor: r.actor,
          path: `/api/alerts/${r.name}`,
        }));
        if (ctx.json) return ctx.printJson({ receivers, rules: config.rules, severityMap: config.severityMap });
        ctx.print([
          ...(receivers.length === 0
            ? ["no receivers configured (config alerts.receivers; see docs/integrations.md)"]
            : receivers.map((r) => `${r.path}  ${r.kind}, ${r.auth} auth, acts as ${r.actor}`)),
          "rules (first match wins):",
          ...config.rules.map(
            (rule, i) =>
              `  ${i + 1}. ${JSON.stringify(rule.match)} → ${rule.action}${rule.severity ? ` ${rule.severity}` : ""}`,
          ),
        ]);
      }),
    );
  alerts
    .command("try")
    .description("dry run: what the rules would do with a payload (fingerprint, group, verdict per alert)")
    .argument("<receiver>", "a configured receiver's name")
    .argument("<file>", "the JSON payload, or - for standard input")
    .action(
      action<object>(ctx, async ([name, file]) => {
        const config = alertsConfig(ctx);
        const receiver = config.receivers.get(name ?? "");
        if (!receiver) {
          throw new WarroomError("integration.unknown_receiver", `no alert receiver named '${name}'`, [
            { field: "receiver", message: "see warroom alerts receivers" },
          ]);
        }
        const received = normalise(receiver.kind, await readPayload(file ?? "-"), config, receiver.mapping);
        const verdicts = received.map((alert) => ({
          fingerprint: alert.fingerprint,
          status: alert.status,
          title: alert.title,
          group: groupKeyOf(alert, receiver.name),
          ...(alert.status === "firing" ? judge(alert, receiver.name, config) : { action: "resolve-if-firing" }),
        }));
        if (ctx.json) return ctx.printJson(verdicts);
        ctx.print(
          verdicts.length === 0
            ? "the payload holds no alerts"
            : verdicts.map(
                (v) =>
                  `${v.fingerprint}  ${v.status}  ${v.group}  → ${v.action}${"severity" in v && v.action === "declare" ? ` ${v.severity}` : ""}  ${v.title}`,
              ),
        );
      }),
    );
}
