import { isPostgresError, PostgresErrorCode } from '@storefront/database';
import type { CatalogConflictError } from './catalog-errors';

/**
 * Runs a write; a unique violation that got past the checks before it (a concurrent insert) is
 * still a conflict for the caller, not a 500. `conflict` gets the violated constraint's name.
 */
export async function uniqueViolationAsConflict<T>(work: () => Promise<T>, conflict: (constraint: string) => CatalogConflictError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPostgresError(error, PostgresErrorCode.uniqueViolation)) {
      throw conflict(String((error as { driverError?: { constraint?: string } }).driverError?.constraint ?? ''));
    }
    throw error;
  }
}
