/**
 * Who is signed in: a person handle (sent as Warroom-Actor) and, where the server has
 * auth on, a bearer token. Kept in localStorage; a `#token=…` sign-in link is read once
 * and removed from the address bar.
 */
import { useSyncExternalStore } from "react";

export interface Session {
  handle: string;
  token: string | null;
}

const KEY = "warroom.session";
let current: Session | null = load();
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.handle !== "string") return null;
    return { handle: parsed.handle, token: typeof parsed.token === "string" ? parsed.token : null };
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return current;
}

export function signIn(session: Session): void {
  current = session;
  localStorage.setItem(KEY, JSON.stringify(session));
  emit();
}

/** Forget the token (kept handle helps the next sign-in); `reason` is shown on the sign-in screen. */
export function signOut(reason: string | null = null): void {
  signOutReason = reason;
  const handle = current?.handle ?? "";
  current = null;
  localStorage.removeItem(KEY);
  lastHandle = handle;
  emit();
}

export let signOutReason: string | null = null;
export let lastHandle = "";

/** A token from a `/#token=…` link, consumed: kept for the sign-in form, then the hash is cleared. */
export function takeTokenFromUrl(): string | null {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  const token = decodeURIComponent(match[1]);
  history.replaceState(null, "", `${window.location.pathname}${window.location.search}#/`);
  return token;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}
