/**
 * Commands on an incident: the generic `POST /api/incidents/:id/commands` with
 * `{ type, ... }`, and one friendly route per command generated from COMMAND_ROUTES.
 * Path parameters (`:taskId`, `:role`…) are merged into the body; the route's command
 * type and path win over anything the body says.
 */

import { requireCommandAccess } from "../auth.js";
import { callOptions } from "../call-options.js";
import { requireJsonObject, sendCommandResult } from "../command-io.js";
import { COMMAND_ROUTE_LIST, COMMAND_ROUTES, INCIDENT_BASE } from "../command-routes.js";
import { commandBodySchema, ref } from "../openapi-schemas.js";
import { COMMAND_ERRORS, type RouteContext } from "../route-context.js";

const PARAM_DOCS: Record<string, string> = {
  role: "Role id, e.g. tech-lead",
  workstreamId: "Workstream id, e.g. W1",
  taskId: "Task id, e.g. T1",
  actionId: "Action item id, e.g. AI-1",
};

export function registerCommandRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "POST",
      url: `${INCIDENT_BASE}/commands`,
      // The least any command needs; the command's own access is checked once its type is read.
      access: "responder",
      operationId: "executeCommand",
      summary: "Run any command on an incident, chosen by `type`",
      tag: "commands",
      headers: ["WarroomActor", "IfMatch", "IdempotencyKey", "Prefer"],
      body: { schema: ref("Command"), required: true },
      response: {
        status: 200,
        description: "Done",
        schema: { oneOf: [ref("CommandResult"), ref("MinimalCommandResult")] },
        headers: ["ETag"],
      },
      errors: COMMAND_ERRORS,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = requireJsonObject(request.body);
      const type = body.type;
      if (typeof type === "string" && Object.hasOwn(COMMAND_ROUTES, type)) {
        requireCommandAccess(app, id, COMMAND_ROUTES[type as keyof typeof COMMAND_ROUTES].access, request);
      }
      const options = callOptions(request);
      const result = await app.execute(id, body, options);
      return sendCommandResult(request, reply, 200, result);
    },
  );

  for (const route of COMMAND_ROUTE_LIST) {
    const { type, params: pathFields } = route;
    const params = Object.fromEntries(pathFields.map((p) => [p, PARAM_DOCS[p] ?? p]));
    book.add(
      {
        method: "POST",
        url: route.url,
        access: route.access,
        operationId: camel(route.type),
        summary: route.summary,
        description: `The \`${route.type}\` command.`,
        tag: "commands",
        headers: ["WarroomActor", "IfMatch", "IdempotencyKey", "Prefer"],
        params,
        body: {
          schema: commandBodySchema(route.type, ["type", ...route.params]),
          required: route.params.length === 0,
        },
        response: {
          status: 200,
          description: "Done",
          schema: { oneOf: [ref("CommandResult"), ref("MinimalCommandResult")] },
          headers: ["ETag"],
        },
        errors: COMMAND_ERRORS,
      },
      async (request, reply) => {
        const params = request.params as Record<string, string>;
        const options = callOptions(request);
        // The parsed body is this request's own object: the path's fields and the route's
        // type are written over it rather than spread into a copy.
        const command = requireJsonObject(request.body);
        for (const name of pathFields) command[name] = params[name];
        command.type = type;
        const result = await app.execute(params.id ?? "", command, options);
        return sendCommandResult(request, reply, 200, result);
      },
    );
  }
}

function camel(type: string): string {
  return type.replace(/-([a-z])/g, (_m, letter: string) => letter.toUpperCase());
}
