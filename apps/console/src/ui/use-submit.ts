import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-client';
import { describeError, fieldErrorsOf, type FieldErrors } from './field-errors';

export interface Submission {
  readonly busy: boolean;
  readonly error: string | null;
  readonly fieldErrors: FieldErrors;
  /** The HTTP status of the API's refusal (409 and 400 may belong in different places); null otherwise. */
  readonly status: number | null;
  /** Runs the action; API field details land in fieldErrors, other failures in error. */
  run(action: () => Promise<void>): Promise<void>;
  clear(): void;
}

/** One form's request state: busy while sending, then the API's verdict. */
export function useSubmit(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<number | null>(null);
  const clear = useCallback(() => {
    setError(null);
    setFieldErrors({});
    setStatus(null);
  }, []);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    setStatus(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught));
      if (caught instanceof ApiError) {
        setFieldErrors(fieldErrorsOf(caught.details));
        setStatus(caught.status);
      }
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, fieldErrors, status, run, clear };
}
