/**
 * The `chat` section of the config: Slack's signing secret, bot token and Web API base URL,
 * Mattermost's slash-command token, and a fallback map from Warroom handles to chat user ids
 * (used when the people directory does not say who someone is in chat).
 */
import { z } from "zod";

const handleMap = z.record(
  z.string().regex(/^[\p{L}\p{N}._-]{1,100}$/u, "keys are Warroom handles such as sarah-db"),
  z.string().min(1),
);

export const slackConfigSchema = z
  .object({
    /** Verifies inbound requests (Slack app → Basic Information → Signing Secret). */
    signingSecret: z.string().min(1).optional(),
    /** `xoxb-…`: creates channels, invites, posts, pins, reads messages. */
    botToken: z.string().min(1).optional(),
    /** The Web API base; tests point it at a local recording server. */
    apiUrl: z.url().default("https://slack.com/api/"),
    /** Channel names are `<prefix><incident number>-<title words>`. */
    channelPrefix: z
      .string()
      .regex(/^[a-z0-9_-]{0,20}$/, "lower-case letters, digits, '-' or '_'")
      .default("inc-"),
    /** Handle → Slack user id (U…), for people the directory does not link. */
    users: handleMap.default({}),
    /** First retry delay when Slack is down or rate-limits (doubles up to 60 s). */
    retryBaseMs: z.number().int().positive().default(1000),
  })
  .strict();

export const mattermostConfigSchema = z
  .object({
    /** The slash command's token (Integrations → Slash Commands). */
    token: z.string().min(1).optional(),
    /** Handle → Mattermost username, for people whose Warroom handle differs. */
    users: handleMap.default({}),
  })
  .strict();

export const chatConfigSchema = z
  .object({
    slack: slackConfigSchema.default({
      apiUrl: "https://slack.com/api/",
      channelPrefix: "inc-",
      users: {},
      retryBaseMs: 1000,
    }),
    mattermost: mattermostConfigSchema.default({ users: {} }),
  })
  .strict()
  .default({
    slack: { apiUrl: "https://slack.com/api/", channelPrefix: "inc-", users: {}, retryBaseMs: 1000 },
    mattermost: { users: {} },
  });

export type ChatConfig = z.output<typeof chatConfigSchema>;
export type SlackConfig = z.output<typeof slackConfigSchema>;

/** Secrets may come from the environment instead of the config file; they win over the file. */
export const CHAT_ENV = {
  WARROOM_SLACK_SIGNING_SECRET: ["slack", "signingSecret"],
  WARROOM_SLACK_BOT_TOKEN: ["slack", "botToken"],
  WARROOM_MATTERMOST_TOKEN: ["mattermost", "token"],
} as const;

/** The file's `chat` section with the environment's secrets laid over it, or undefined when none is set. */
export function chatConfigFromEnv(fromFile: unknown, env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const set = Object.entries(CHAT_ENV).filter(([name]) => env[name]);
  if (set.length === 0) return undefined;
  const file = isObject(fromFile) ? fromFile : {};
  const chat: Record<string, Record<string, unknown>> = {
    slack: { ...(isObject(file.slack) ? file.slack : {}) },
    mattermost: { ...(isObject(file.mattermost) ? file.mattermost : {}) },
  };
  for (const [name, [platform, key]] of set) (chat[platform] as Record<string, unknown>)[key] = env[name];
  return { ...file, ...chat };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
