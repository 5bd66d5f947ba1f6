/** The shell: sign-in gate, top bar with navigation, the routed page and the `?` help overlay. */
import { useEffect, useMemo, useState } from "react";
import { signOut, takeTokenFromUrl, useSession } from "./api/session";
import { Link, matchRoute, navigate, usePath } from "./router";
import { nav, routes } from "./routes";
import { completeSignIn, SignIn } from "./sign-in";
import { HelpOverlay } from "./ui/help-overlay";
import { type Shortcut, useShortcutKeys, useShortcuts } from "./ui/shortcuts";

// A `/#token=…` link signs in with that token (the form shows why if it cannot).
const tokenFromLink = takeTokenFromUrl();
if (tokenFromLink) void completeSignIn(tokenFromLink, "").catch(() => undefined);

export function App() {
  const session = useSession();
  const path = usePath();
  const [help, setHelp] = useState(false);
  useShortcutKeys();
  const shortcuts = useMemo<Shortcut[]>(
    () => [
      { key: "?", description: "Show this help", run: () => setHelp(true) },
      { key: "g", description: "Go to the incident list", run: () => navigate("/incidents") },
    ],
    [],
  );
  useShortcuts(shortcuts);

  const matched = matchRoute(routes, path);
  const title = matched ? matched.route.title(matched.params) : "Not found";
  useEffect(() => {
    document.title = `${title} · Warroom`;
  }, [title]);

  if (!session) return <SignIn tokenFromLink={tokenFromLink} />;

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/incidents" className="brand">
          Warroom
        </Link>
        <nav aria-label="Main">
          {nav.map((item) => (
            <Link key={item.to} to={item.to} aria-current={path.startsWith(item.to) ? "page" : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <span className="who" title="You act as">
          @{session.handle}
        </span>
        <button type="button" className="link" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
          ?
        </button>
        <button type="button" className="link" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {matched ? (
          matched.route.render(matched.params)
        ) : (
          <p>
            No page here. <Link to="/incidents">Back to the incidents</Link>
          </p>
        )}
      </main>
      <HelpOverlay open={help} onClose={() => setHelp(false)} />
    </>
  );
}
