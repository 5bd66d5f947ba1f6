/**
 * Where the triage plan shows (`GET /api/triage`, when this server has it): which incident
 * needs people first. Shown as text only; absent routes leave no trace.
 */
import { ApiError, api } from "../api/client";
import { useApi } from "../ui/use-api";

interface TriageItem {
  incidentId?: string;
  title?: string;
  summary?: string;
  reason?: string;
  action?: string;
  [key: string]: unknown;
}

function linesOf(plan: unknown): string[] {
  if (plan === null || typeof plan !== "object") return [];
  const record = plan as Record<string, unknown>;
  const list = Object.values(record).find(Array.isArray) as TriageItem[] | undefined;
  if (!list) return typeof record.summary === "string" ? [record.summary] : [];
  return list.map((item) =>
    typeof item === "string"
      ? item
      : [item.incidentId, item.title, item.summary ?? item.reason ?? item.action].filter(Boolean).join(" · "),
  );
}

export function TriageSlot({ refresh }: { refresh: number }) {
  const plan = useApi(
    () =>
      api.get<unknown>("/api/triage").catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    [refresh],
  );
  const lines = linesOf(plan.data);
  if (lines.length === 0) return null;
  return (
    <section className="panel triage" aria-labelledby="triage-title">
      <h2 id="triage-title">Triage plan</h2>
      <ol>
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the plan's lines have no ids; the list is replaced whole
          <li key={`${i}:${line}`}>{line}</li>
        ))}
      </ol>
    </section>
  );
}
