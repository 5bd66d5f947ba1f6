/**
 * A tiny hash router: `#/incidents/INC-1` → the route whose pattern matches, with its
 * `:params`. Hash routes need nothing from the server but `/`. Pages are listed in
 * `routes.tsx`; links are plain anchors (`<Link to="/incidents">`).
 */
import { type AnchorHTMLAttributes, type ReactNode, useSyncExternalStore } from "react";

export interface PageRoute {
  /** `/incidents/:id`; `:name` segments become params. */
  pattern: string;
  /** Shown in the document title. */
  title: (params: Record<string, string>) => string;
  render: (params: Record<string, string>) => ReactNode;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, "");
  return hash.startsWith("/") ? hash : "/";
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function matchRoute(
  routes: readonly PageRoute[],
  path: string,
): { route: PageRoute; params: Record<string, string> } | null {
  const parts = path.split("?")[0]?.split("/").filter(Boolean) ?? [];
  for (const route of routes) {
    const pattern = route.pattern.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      const part = parts[i] ?? "";
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (ok) return { route, params };
  }
  return null;
}

export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a href={`#${to}`} {...rest}>
      {children}
    </a>
  );
}
