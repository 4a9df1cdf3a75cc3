import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/api-client';
import { loadSession, saveSession, sessionFromToken, type Session } from './session';

interface ConsoleContextValue {
  readonly session: Session | null;
  readonly api: ApiClient;
  signIn(token: string): Session;
  signOut(): void;
}

const ConsoleContext = createContext<ConsoleContextValue | null>(null);

/** The signed-in account and an API client carrying its token. */
export function ConsoleProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const value = useMemo<ConsoleContextValue>(() => {
    const signOut = () => {
      saveSession(null);
      setSession(null);
    };
    return {
      session,
      api: createApiClient(() => session?.token ?? null, signOut),
      signIn: (token) => {
        const next = sessionFromToken(token);
        saveSession(next);
        setSession(next);
        return next;
      },
      signOut,
    };
  }, [session]);
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleProvider');
  return value;
}
