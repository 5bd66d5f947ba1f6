/**
 * Outgoing webhook subscriptions from the terminal, on the local file or a server:
 *
 *   warroom webhook add <url> [--event T]… [--description D] [--include-private]
 *   warroom webhook list
 *   warroom webhook update <id> [--url U] [--event T]… [--description D] [--include-private | --no-include-private]
 *   warroom webhook remove <id>
 *   warroom webhook deliveries <id> [--limit N]
 *   warroom webhook replay <id> --from <position>
 *
 * Delivery itself runs in `warroom serve`; a subscription added to the file is picked up
 * by a server on the same file within its poll interval.
 */
import type { Command } from "commander";
import { WarroomApp } from "../../app/warroom-app.js";
import { WarroomHttpClient } from "../../client/http-client.js";
import { WarroomError } from "../../domain/shared/errors.js";
import type { DeliveryLogEntry, Subscription } from "../../integrations/webhooks/webhook-events.js";
import { type SubscriptionView, WebhookRegistry } from "../../integrations/webhooks/webhook-registry.js";
import { action, type CliContext } from "../context.js";
import { collectRaw, parseInteger } from "../parse.js";

interface WebhookAccess {
  add(input: Record<string, unknown>): Promise<Subscription>;
  list(): Promise<SubscriptionView[]>;
  update(id: string, changes: Record<string, unknown>): Promise<SubscriptionView & { secret?: string }>;
  remove(id: string): Promise<void>;
  deliveries(id: string, limit: number): Promise<DeliveryLogEntry[]>;
  replay(id: string, fromPosition: number): Promise<SubscriptionView>;
}

const seg = encodeURIComponent;

async function webhookAccess(ctx: CliContext): Promise<WebhookAccess> {
  const api = await ctx.api();
  const actor = ctx.actor();
  if (api instanceof WarroomApp) {
    const registry = new WebhookRegistry(api.store, api.clock);
    return {
      add: (input) => registry.add(input, actor),
      list: () => registry.list(),
      update: (id, changes) => registry.update(id, changes, actor),
      remove: (id) => registry.remove(id, actor),
      deliveries: (id, limit) => registry.deliveries(id, limit),
      replay: async (id, from) => {
        await registry.replay(id, from, actor);
        return registry.get(id);
      },
    };
  }
  if (api instanceof WarroomHttpClient) {
    return {
      add: (input) => api.request("POST", "/api/webhooks", input, actor),
      list: () => api.request("GET", "/api/webhooks"),
      update: (id, changes) => api.request("PATCH", `/api/webhooks/${seg(id)}`, changes, actor),
      remove: async (id) => {
        await api.request("DELETE", `/api/webhooks/${seg(id)}`, undefined, actor);
      },
      deliveries: (id, limit) => api.request("GET", `/api/webhooks/${seg(id)}/deliveries?limit=${limit}`),
      replay: (id, fromPosition) => api.request("POST", `/api/webhooks/${seg(id)}/replay`, { fromPosition }, actor),
    };
  }
  throw new WarroomError("internal", "unknown connection");
}

function subscriptionLine(s: SubscriptionView): string {
  const last = s.lastDelivery
    ? ` · last: ${s.lastDelivery.outcome} #${s.lastDelivery.position} (attempt ${s.lastDelivery.attempt}${s.lastDelivery.status === null ? "" : `, HTTP ${s.lastDelivery.status}`})`
    : "";
  return `${s.id}  ${s.url}  [${s.events.join(", ")}]${s.includePrivate ? " +private" : ""}  sent up to #${s.cursor}, ${s.delivered} delivered, ${s.failures} failed attempts${last}`;
}

function deliveryLine(e: DeliveryLogEntry): string {
  const status = e.status === null ? "" : ` HTTP ${e.status}`;
  const retry = e.outcome === "failed" ? ` (${e.error ?? "failed"}; retry at ${e.retryAt})` : "";
  return `${e.at}  #${e.position} ${e.eventType} ${e.incidentId}  attempt ${e.attempt}  ${e.outcome}${status}${retry}`;
}

export function registerWebhookCommands(program: Command, ctx: CliContext): void {
  const webhook = program
    .command("webhook")
    .description("outgoing webhooks: signed POSTs of incident events to your URLs, after commit, in order");
  webhook
    .command("add")
    .description("subscribe a URL; prints the signing secret once (see docs/integrations.md to verify it)")
    .argument("<url>", "http:// or https:// URL to POST to")
    .option(
      "--event <type>",
      "an event type to send, e.g. IncidentDeclared (repeat; default every type)",
      collectRaw,
      [],
    )
    .option("--description <text>", "what it is for")
    .option("--include-private", "also send events of private incidents")
    .action(
      action<{ event: string[]; description?: string; includePrivate?: boolean }>(ctx, async ([url], opts) => {
        const access = await webhookAccess(ctx);
        const added = await access.add({
          url,
          ...(opts.event.length > 0 ? { events: opts.event } : {}),
          ...(opts.description === undefined ? {} : { description: opts.description }),
          ...(opts.includePrivate ? { includePrivate: true } : {}),
        });
        if (ctx.json) return ctx.printJson(added);
        ctx.print([
          `${ctx.style.green("✓")} ${added.id} → ${added.url} [${added.events.join(", ")}]`,
          `  signing secret (shown once): ${added.secret}`,
        ]);
      }),
    );
  webhook
    .command("list")
    .description("subscriptions with how far delivery got")
    .action(
      action<object>(ctx, async () => {
        const list = await (await webhookAccess(ctx)).list();
        if (ctx.json) return ctx.printJson(list);
        ctx.print(list.length === 0 ? "no webhook subscriptions" : list.map(subscriptionLine));
      }),
    );
  webhook
    .command("update")
    .description("change a subscription; delivery carries on from where it is")
    .argument("<id>", "e.g. WH1")
    .option("--url <url>", "a new URL")
    .option("--event <type>", "the event types to send from now on (repeat; * for all)", collectRaw, [])
    .option("--description <text>", "what it is for")
    .option("--include-private", "also send events of private incidents")
    .option("--no-include-private", "stop sending events of private incidents")
    .option("--rotate-secret", "a new signing secret, printed once (the old one stops at once)")
    .action(
      action<{ url?: string; event: string[]; description?: string; includePrivate?: boolean; rotateSecret?: boolean }>(
        ctx,
        async ([id], opts) => {
          const view = await (await webhookAccess(ctx)).update(id ?? "", {
            ...(opts.url === undefined ? {} : { url: opts.url }),
            ...(opts.event.length > 0 ? { events: opts.event } : {}),
            ...(opts.description === undefined ? {} : { description: opts.description }),
            ...(opts.includePrivate === undefined ? {} : { includePrivate: opts.includePrivate }),
            ...(opts.rotateSecret ? { rotateSecret: true } : {}),
          });
          if (ctx.json) return ctx.printJson(view);
          ctx.print(`${ctx.style.green("✓")} ${subscriptionLine(view)}`);
          if (view.secret) ctx.print(`  new signing secret (shown once): ${view.secret}`);
        },
      ),
    );
  webhook
    .command("remove")
    .description("remove a subscription (its delivery log stays)")
    .argument("<id>", "e.g. WH1")
    .action(
      action<object>(ctx, async ([id]) => {
        await (await webhookAccess(ctx)).remove(id ?? "");
        if (ctx.json) return ctx.printJson({ removed: id });
        ctx.print(`${ctx.style.green("✓")} removed ${id}`);
      }),
    );
  webhook
    .command("deliveries")
    .description("the latest delivery attempts of a subscription, oldest first")
    .argument("<id>", "e.g. WH1")
    .option("--limit <n>", "how many (at most 200)", "50")
    .action(
      action<{ limit: string }>(ctx, async ([id], opts) => {
        const limit = parseInteger(opts.limit, "--limit");
        if (limit < 1 || limit > 200) {
          throw new WarroomError("validation.failed", "--limit is 1 to 200", [
            { field: "--limit", message: "1 to 200" },
          ]);
        }
        const log = await (await webhookAccess(ctx)).deliveries(id ?? "", limit);
        if (ctx.json) return ctx.printJson(log);
        ctx.print(log.length === 0 ? `no delivery attempts for ${id} yet` : log.map(deliveryLine));
      }),
    );
  webhook
    .command("replay")
    .description("send every matching event from a position on again, in order")
    .argument("<id>", "e.g. WH1")
    .requiredOption("--from <position>", "the first event's global position (the payload's `position`)")
    .action(
      action<{ from: string }>(ctx, async ([id], opts) => {
        const from = parseInteger(opts.from, "--from");
        const view = await (await webhookAccess(ctx)).replay(id ?? "", from);
        if (ctx.json) return ctx.printJson(view);
        ctx.print(`${ctx.style.green("✓")} ${view.id} will send again from #${from}`);
      }),
    );
}
