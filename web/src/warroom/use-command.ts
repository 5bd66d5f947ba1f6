/** Run incident commands from a form: busy and error state per form, a refresh after success. */
import { useCallback, useState } from "react";
import { runCommand } from "../api/client";

export interface CommandRunner {
  run: (command: { type: string } & Record<string, unknown>) => Promise<boolean>;
  busy: boolean;
  error: unknown;
}

export function useCommand(incidentId: string, onDone: () => void): CommandRunner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (command: { type: string } & Record<string, unknown>) => {
      setBusy(true);
      try {
        await runCommand(incidentId, command);
        setError(null);
        onDone();
        return true;
      } catch (err) {
        setError(err);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [incidentId, onDone],
  );
  return { run, busy, error };
}

/** Drop empty strings so optional fields are left out rather than sent blank. */
export function compact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "" && v !== undefined && v !== null));
}
