/** Who is signed in, as the access token says; the API checks the token on every call anyway. */
export interface Session {
  readonly token: string;
  readonly email: string;
  readonly role: 'merchant' | 'platform_admin';
}

// sessionStorage: the token dies with the tab, and no cookie means no CSRF surface.
const STORAGE_KEY = 'console.session';

export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { email?: string; role?: string };
  return { token, email: claims.email ?? '', role: claims.role === 'platform_admin' ? 'platform_admin' : 'merchant' };
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return null;
  try {
    return sessionFromToken(token);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  else sessionStorage.removeItem(STORAGE_KEY);
}
