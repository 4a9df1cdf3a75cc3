import { useState, type ReactNode } from 'react';
import { Link, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';

export interface NavItem {
  readonly to: string;
  readonly label: string;
}

/**
 * Page frame for both consoles: a skip link, the navigation (a disclosure menu on a phone) and
 * the signed-in account with sign-out.
 */
export function ConsoleShell({ title, nav, aside, children }: { title: string; nav: readonly NavItem[]; aside?: ReactNode; children: ReactNode }) {
  const { session, signOut } = useConsole();
  const { path } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  // The section holding the page is current: Products stays marked on a product's own page.
  const isCurrent = (to: string) => path === to || (to !== '/' && path.startsWith(`${to}/`));
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">{title}</span>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="console-nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <nav id="console-nav" aria-label="Console" className={menuOpen ? 'open' : ''} onClick={() => setMenuOpen(false)}>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={isCurrent(item.to) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          {aside}
          <span className="email">{session?.email}</span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** Loading and load-failure states every screen shares. */
export function LoadState({ loading, error }: { loading: boolean; error: string | null }) {
  if (error)
    return (
      <p role="alert" className="alert">
        {error}
      </p>
    );
  if (loading)
    return (
      <p role="status" aria-live="polite">
        Loading…
      </p>
    );
  return null;
}
