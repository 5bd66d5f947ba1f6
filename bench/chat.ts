/**
 * Chat costs, measured in one run against a baseline (in-process, `inject`, one SQLite file):
 *
 *   npx tsx bench/chat.ts [--notes 2000]
 *
 * 1. A team update through Slack's slash command (form body, v0 signature checked, replay
 *    guard, text parsed) against the same update through the JSON API route: the ratio is
 *    what verifying and parsing chat adds per command.
 * 2. The mirror: notes appended as fast as the app takes them, then the time until all are
 *    posted to a local recording Slack (a real socket), as messages per second, and a check
 *    that every note arrived once and in order.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildConfig } from "../src/app/config.js";
import { createWarroomApp } from "../src/app/create-app.js";
import { buildHttpApp } from "../src/http/build-http-app.js";
import { ChatIntegration } from "../src/integrations/chat/chat-integration.js";
import { slackSignature } from "../src/integrations/chat/verify.js";
import { SlackRecorder } from "../test/chat/slack-recorder.js";
import { arg } from "./autocannon.js";

const NOTES = arg("notes", 2000);
const SECRET = "bench-secret";

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-bench-chat-"));
  const slack = new SlackRecorder();
  await slack.start();
  const config = buildConfig({
    dbPath: join(dir, "warroom.db"),
    chat: {
      slack: { signingSecret: SECRET, botToken: "xoxb-bench", apiUrl: slack.apiUrl, users: { "alex-ic": "U1" } },
    },
  });
  const app = await createWarroomApp(config);
  const chat = new ChatIntegration(app, config.chat);
  const http = buildHttpApp({ app, bodyLimitBytes: config.bodyLimitBytes, chat });
  try {
    await chat.start();
    const { incident } = await app.declare({ title: "Bench", severity: "SEV-3" }, { actor: "alex-ic" });
    const id = incident.id;
    await chat.mirror?.idle();

    // The same command both ways: a team update (appends one event, answers with the incident).
    const apiUpdate = async (n: number) =>
      http.inject({
        method: "POST",
        url: `/api/incidents/${id}/updates`,
        headers: { "content-type": "application/json", "warroom-actor": "alex-ic", prefer: "return=minimal" },
        payload: JSON.stringify({ audience: "team", text: `update ${n}: still investigating` }),
      });
    const slackUpdate = async (n: number) => {
      const body = new URLSearchParams({
        user_id: "U1",
        channel_id: "C0",
        text: `update ${id} update ${n}: still investigating`,
      }).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      return http.inject({
        method: "POST",
        url: "/chat/slack/commands",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": ts,
          "x-slack-signature": slackSignature(SECRET, ts, body),
        },
        payload: body,
      });
    };
    // Interleaved, one of each in turn, so both see the incident at the same size and the
    // machine in the same state; the API is asked for the short answer, as chat gives one.
    const rounds = 3;
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const per = Math.max(50, Math.floor(NOTES / 10));
      let apiTotal = 0;
      let slackTotal = 0;
      for (let n = 0; n < per; n++) {
        const t0 = performance.now();
        if ((await apiUpdate(n)).statusCode !== 200) throw new Error("API update failed");
        const t1 = performance.now();
        const r = await slackUpdate(n);
        const t2 = performance.now();
        if (r.statusCode !== 200 || !(r.json() as { text: string }).text.includes("Update")) throw new Error(r.body);
        apiTotal += t1 - t0;
        slackTotal += t2 - t1;
        await chat.mirror?.idle();
      }
      ratios.push(slackTotal / apiTotal);
      console.log(
        `round ${round + 1}: API ${(apiTotal / per).toFixed(2)} ms/command, Slack ${(slackTotal / per).toFixed(2)} ms/command`,
      );
    }
    await chat.mirror?.idle();
    ratios.sort((a, b) => a - b);
    console.log(`slash command / JSON API, median of ${rounds}: ${ratios[1]?.toFixed(2)}×`);

    // Mirror throughput.
    const before = slack.callsOf("chat.postMessage").length;
    const t2 = performance.now();
    await Promise.all(
      Array.from({ length: NOTES }, (_, n) =>
        app.execute(id, { type: "add-note", channel: "command", text: `mirror ${n}` }, { actor: "alex-ic" }),
      ),
    );
    const appendedMs = performance.now() - t2;
    await chat.mirror?.idle();
    const postedMs = performance.now() - t2;
    const posted = slack
      .callsOf("chat.postMessage")
      .slice(before)
      .map((c) => /mirror (\d+)$/.exec(c.params.text ?? "")?.[1])
      .filter((x) => x !== undefined)
      .map(Number);
    const timeline = (await app.timeline(id))
      .filter((e) => e.text.startsWith("mirror "))
      .map((e) => Number(e.text.slice(7)));
    const inOrder = posted.length === timeline.length && posted.every((v, i) => v === timeline[i]);
    console.log(
      `mirror: ${NOTES} notes appended in ${appendedMs.toFixed(0)} ms, all posted after ${postedMs.toFixed(0)} ms ` +
        `(${((NOTES / postedMs) * 1000).toFixed(0)} messages/s to the local recorder); once each and in timeline order: ${inOrder}`,
    );
    if (!inOrder) process.exitCode = 1;
  } finally {
    await chat.stop();
    await http.close();
    await app.close();
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
