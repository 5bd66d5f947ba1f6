/**
 * Certificates from the terminal:
 *
 *   warroom cert verify <id> [--json]     valid / expired / tampered (exit 0 / 4 / 4), unknown (exit 3)
 *   warroom cert list --trainee T         the trainee's certificates with their status
 *
 * The records are read from the store --db names (not over --server: the server has
 * no training routes yet).
 */

import type { Command } from "commander";
import { openEventStore } from "../../app/create-app.js";
import { WarroomHttpClient } from "../../client/http-client.js";
import { isoNow, systemClock } from "../../domain/shared/clock.js";
import { WarroomError } from "../../domain/shared/errors.js";
import {
  type CertificateCheck,
  listCertificates,
  parseCertificateId,
  verifyCertificate,
} from "../../training/certificates.js";
import { checkTrainee, TrainingRecords } from "../../training/history.js";
import { certificateLines, verifyLines } from "../../training/history-format.js";
import type { CertificateView, TrainingHistory } from "../../training/history-view.js";
import { configFrom, connect, serverUrl } from "../connect.js";
import { action, type CliContext } from "../context.js";

/** What the read commands need: from the local store, or from a server (--server). */
export interface TrainingReads {
  history(trainee: string): Promise<TrainingHistory>;
  certificates(trainee: string): Promise<CertificateView[]>;
  verify(id: string): Promise<CertificateCheck>;
}

/** Runs `fn` with the trainee records of the configured store (--db or DATABASE_URL), opened for the call. */
export async function withRecords<T>(ctx: CliContext, fn: (records: TrainingRecords) => Promise<T>): Promise<T> {
  const config = configFrom(ctx.globals, ctx.io);
  const clock = ctx.io.clock ?? systemClock;
  const store = await openEventStore(config, { clock });
  try {
    return await fn(new TrainingRecords(store, clock));
  } finally {
    await store.close();
  }
}

/** Trainee records from the configured store, or from a server's training routes with --server. */
export async function withReads<T>(ctx: CliContext, fn: (reads: TrainingReads) => Promise<T>): Promise<T> {
  if (serverUrl(ctx.globals, ctx.io.env)) {
    const { api } = await connect(ctx.globals, ctx.io);
    if (!(api instanceof WarroomHttpClient)) throw new Error("--server did not give an HTTP client");
    const path = (value: string) => encodeURIComponent(value.trim().replace(/^@/, ""));
    return fn({
      history: (trainee) => api.request<TrainingHistory>("GET", `/api/trainees/${path(trainee)}/history`),
      certificates: (trainee) => api.request<CertificateView[]>("GET", `/api/trainees/${path(trainee)}/certificates`),
      // The server answers an unknown id with 404; the local check says "unknown" and exits the same way.
      verify: async (id) => {
        try {
          return await api.request<CertificateCheck>("GET", `/api/certificates/${path(id)}`);
        } catch (error) {
          if (error instanceof WarroomError && error.code === "certificate.not_found") {
            const unknown: CertificateCheck = {
              id: id.trim(),
              status: "unknown",
              reasons: [],
              checkedAt: isoNow(ctx.io.clock ?? systemClock),
            };
            return unknown;
          }
          throw error;
        }
      },
    });
  }
  return withRecords(ctx, (records) =>
    fn({
      history: (trainee) => records.history(trainee),
      certificates: (trainee) => listCertificates(records, trainee),
      verify: (id) => verifyCertificate(records, id),
    }),
  );
}

/** Prints the verdict; anything but valid leaves with an error (unknown: not found). */
export function reportCheck(ctx: CliContext, check: CertificateCheck): void {
  if (check.status === "unknown") {
    throw new WarroomError("certificate.not_found", `${check.id} is unknown: no certificate with this id was issued`, [
      { field: "id", message: "no certificate with this id" },
    ]);
  }
  if (ctx.json) ctx.printJson(check);
  else ctx.print(verifyLines(check, ctx.style));
  if (check.status !== "valid") {
    throw new WarroomError("certificate.invalid", `${check.id} is ${check.status}: ${check.reasons.join("; ")}`);
  }
}

export function registerCertCommands(program: Command, ctx: CliContext): void {
  const cert = program.command("cert").description("IC certificates earned in training: verify one, list a trainee's");
  cert
    .command("verify")
    .description("check a certificate: valid (exit 0), expired or tampered (exit 4), unknown (exit 3)")
    .argument("<id>", "the certificate id, CERT-…")
    .action(
      action<object>(ctx, async ([id]) => {
        const check = await withReads(ctx, (reads) => reads.verify(parseCertificateId(id ?? "")));
        reportCheck(ctx, check);
      }),
    );
  cert
    .command("list")
    .description("a trainee's certificates with their status")
    .requiredOption("--trainee <handle>", "the trainee")
    .action(
      action<{ trainee: string }>(ctx, async (_args, opts) => {
        const trainee = checkTrainee(opts.trainee, "--trainee");
        const list = await withReads(ctx, (reads) => reads.certificates(trainee));
        if (ctx.json) return ctx.printJson(list);
        if (list.length === 0) {
          ctx.print(`${trainee} has no certificate yet.`);
          return;
        }
        ctx.print(certificateLines(list, ctx.style));
      }),
    );
}
