/** Full-text search over the incidents' logs: `GET /api/search?q=…`. */
import { z } from "zod";
import { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, searchInputSchema } from "../../app/search.js";
import { ref } from "../openapi-schemas.js";
import { parseInput } from "../query-schemas.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";

/** The query string: the app's own schema, with `limit` read from its string form. */
export const searchQuery = searchInputSchema.extend({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, `limit must be a whole number from 1 to ${SEARCH_MAX_LIMIT}`)
    .transform(Number)
    .pipe(searchInputSchema.shape.limit.unwrap())
    .optional(),
});

export function registerSearchRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "GET",
      url: "/api/search",
      access: "viewer",
      operationId: "search",
      summary: "Search every incident's timeline",
      description:
        'Events in which every term of `q` appears (case-insensitive; `"quoted words"` are one term), newest ' +
        `first, at most \`limit\` (default ${SEARCH_DEFAULT_LIMIT}). Notes, updates, decisions, options, tasks, ` +
        "titles and impact are searched. Private incidents are searched only for their members and admins.",
      tag: "incidents",
      query: searchQuery,
      response: { status: 200, description: "The hits, newest first", schema: ref("SearchAnswer") },
      errors: READ_ERRORS,
    },
    async (request) => app.search(parseInput(searchQuery, request.query, "query")),
  );
}
