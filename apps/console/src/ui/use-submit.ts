import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-client';
import { describeError, fieldErrorsOf, type FieldErrors } from './field-errors';

export interface Submission {
  readonly busy: boolean;
  readonly error: string | null;
  readonly fieldErrors: FieldErrors;
  /** Runs the action; API field details land in fieldErrors, other failures in error. */
  run(action: () => Promise<void>): Promise<void>;
  clear(): void;
}

/** One form's request state: busy while sending, then the API's verdict. */
export function useSubmit(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const clear = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught));
      if (caught instanceof ApiError) setFieldErrors(fieldErrorsOf(caught.details));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, fieldErrors, run, clear };
}
