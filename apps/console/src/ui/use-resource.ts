import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from './field-errors';

export interface Resource<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  reload(): Promise<void>;
}

/**
 * Loads data for a screen, again when `key` changes (a search, a page) or on reload() after a
 * change. Only the latest request's answer is kept, so a slow earlier search cannot win.
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const answer = await loader.current();
      if (request !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (caught) {
      if (request === latest.current) setError(describeError(caught));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload, key]);
  return { data, error, loading, reload };
}
