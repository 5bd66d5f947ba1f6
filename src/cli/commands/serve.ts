/** `warroom serve`: the HTTP API, SSE and web UI on one port until SIGINT/SIGTERM. */
import type { Command } from "commander";
import { configFrom } from "../connect.js";
import { action, type CliContext } from "../context.js";
import { parseInteger } from "../parse.js";
import { untilStopped } from "../stop.js";

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description("run the Warroom server (HTTP API and live stream) on the local database")
    .option("--port <port>", "port to listen on (env PORT; default 3000; 0 picks a free one)")
    .option("--host <host>", "address to listen on (env HOST; default 127.0.0.1)")
    .action(
      action<{ port?: string; host?: string }>(ctx, async (_args, opts) => {
        const config = configFrom(ctx.globals, ctx.io, {
          ...(opts.port === undefined ? {} : { port: parseInteger(opts.port, "--port") }),
          ...(opts.host === undefined ? {} : { host: opts.host }),
        });
        // Loaded on demand: the other commands do not need the web framework.
        const { startServer } = await import("../../http/server.js");
        const stop = untilStopped(ctx.io.signal);
        try {
          const server = await startServer({ config, ...(ctx.io.clock ? { clock: ctx.io.clock } : {}) });
          const { bootstrap } = server;
          if (ctx.json) {
            const extra = bootstrap ? { bootstrapToken: bootstrap.token, bootstrapPerson: bootstrap.person } : {};
            ctx.io.stdout.write(
              `${JSON.stringify({ url: server.url, db: config.dbPath, auth: config.auth, ...extra })}\n`,
            );
          } else {
            ctx.print(`Warroom is running at ${server.url}`);
            ctx.io.stderr.write(`database ${config.dbPath}; Ctrl-C to stop\n`);
            if (bootstrap) ctx.io.stderr.write(bootstrapNotice(server.url, bootstrap.person, bootstrap.token));
            else if (config.auth === "off")
              ctx.io.stderr.write("auth is off: anyone who can reach this port can do anything\n");
          }
          try {
            await stop.promise;
          } finally {
            await server.close();
          }
          if (!ctx.json) ctx.io.stderr.write("Warroom stopped.\n");
        } finally {
          stop.dispose();
        }
      }),
    );
}

/** Shown once, on the first start with auth on: the token is stored only as a hash. */
function bootstrapNotice(url: string, person: string, token: string): string {
  return [
    "",
    `First start: no API tokens yet, so this admin token was created for '${person}'. It is shown only now:`,
    `  ${token}`,
    `Sign in in the browser:  ${url}/#token=${token}`,
    `Or from the CLI:         warroom login --server ${url} --token ${token}`,
    "Then create tokens for your team: warroom token create --person <handle> --role responder",
    "",
  ].join("\n");
}
