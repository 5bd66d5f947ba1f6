/**
 * Sign in. Where the server has auth on, the token says who you are (`GET /api/me`); with
 * auth off, you say which handle you act as. A `/#token=…` link signs in straight away.
 */
import { type FormEvent, useState } from "react";
import { api } from "./api/client";
import { lastHandle, signIn, signOut, signOutReason } from "./api/session";
import { ErrorBox } from "./ui/parts";

interface Me {
  auth: "tokens" | "off";
  person: string | null;
}

/** Checks the token with the server and stores the session; throws the server's reason. */
export async function completeSignIn(token: string | null, handle: string): Promise<void> {
  signIn({ handle, token });
  try {
    const me = await api.get<Me>("/api/me");
    if (me.auth === "tokens" && me.person) {
      signIn({ handle: me.person, token });
      return;
    }
    if (!/^[\p{L}\p{N}._-]+$/u.test(handle)) {
      throw new Error("This server runs without auth: enter the handle you act as (one word, e.g. sarah-db)");
    }
  } catch (error) {
    signOut(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

export function SignIn({ tokenFromLink }: { tokenFromLink: string | null }) {
  const [handle, setHandle] = useState(lastHandle);
  const [token, setToken] = useState(tokenFromLink ?? "");
  const [error, setError] = useState<unknown>(signOutReason ? new Error(signOutReason) : null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await completeSignIn(token.trim() || null, handle.trim().replace(/^@/, ""));
    } catch (err) {
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
          Access token
          <input
            name="token"
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        <label>
          Your handle <span className="muted">(only when the server runs without auth)</span>
          <input
            name="handle"
            value={handle}
            onChange={(e) => setHandle(e.target.value)}
            autoComplete="username"
            placeholder="sarah-db"
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
