/**
 * Keyboard shortcuts: pages register theirs with `useShortcuts`; the `?` overlay lists
 * whatever is registered right now. Keys are ignored while typing in a field (Escape
 * leaves the field instead).
 */
import { useEffect, useRef, useSyncExternalStore } from "react";

export interface Shortcut {
  key: string;
  description: string;
  run: () => void;
}

const registered = new Map<symbol, Shortcut[]>();
let snapshot: Shortcut[] = [];
const listeners = new Set<() => void>();

function publish(): void {
  snapshot = [...registered.values()].flat();
  for (const l of listeners) l();
}

export function useShortcuts(shortcuts: Shortcut[]): void {
  const id = useRef(Symbol("shortcuts"));
  useEffect(() => {
    const key = id.current;
    registered.set(key, shortcuts);
    publish();
    return () => {
      registered.delete(key);
      publish();
    };
  }, [shortcuts]);
}

export function useRegisteredShortcuts(): Shortcut[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Installed once by the shell. */
export function useShortcutKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (typing(event.target)) {
        if (event.key === "Escape" && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      const match = snapshot.find((s) => s.key === event.key);
      if (!match) return;
      event.preventDefault();
      match.run();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** Focus an element by id (and scroll it into view): what most shortcuts do. */
export function focusById(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  element.scrollIntoView({ block: "center" });
  element.focus();
}
