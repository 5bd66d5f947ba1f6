/**
 * Sign in: your handle (who you act as) and, where the server has auth on, your token.
 * A `/#token=…` link fills the token in. The token is checked by reading the incident
 * list before the app opens.
 */
import { type FormEvent, useState } from "react";
import { api } from "./api/client";
import { lastHandle, signIn, signOut, signOutReason } from "./api/session";
import { ErrorBox } from "./ui/parts";

export function SignIn({ tokenFromLink }: { tokenFromLink: string | null }) {
  const [handle, setHandle] = useState(lastHandle);
  const [token, setToken] = useState(tokenFromLink ?? "");
  const [error, setError] = useState<unknown>(signOutReason ? new Error(signOutReason) : null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = handle.trim().replace(/^@/, "");
    if (!/^[\p{L}\p{N}._-]+$/u.test(trimmed)) {
      setError(new Error("Your handle is one word of letters, digits, '.', '_' or '-', e.g. sarah-db"));
      return;
    }
    setBusy(true);
    signIn({ handle: trimmed, token: token.trim() || null });
    try {
      await api.get("/api/incidents", { status: "open" });
    } catch (err) {
      signOut(err instanceof Error ? err.message : String(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Warroom · sign in</h1>
        <label>
          Your handle
          <input
            name="handle"
            value={handle}
            onChange={(e) => setHandle(e.target.value)}
            autoComplete="username"
            placeholder="sarah-db"
            required
          />
        </label>
        <label>
          Access token <span className="muted">(empty when the server runs without auth)</span>
          <input
            name="token"
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
