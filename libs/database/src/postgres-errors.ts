/** SQLSTATE codes the platform reacts to; see PostgreSQL Appendix A. */
export const PostgresErrorCode = {
  uniqueViolation: '23505',
  checkViolation: '23514',
  insufficientPrivilege: '42501',
  undefinedTable: '42P01',
  duplicateObject: '42710',
  duplicateSchema: '42P06',
  serializationFailure: '40001',
  invalidParameterValue: '22023',
} as const;

export function postgresErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isPostgresError(error: unknown, code: string): boolean {
  return postgresErrorCode(error) === code;
}
