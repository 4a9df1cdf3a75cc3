/**
 * `CREATE ROLE` that tolerates the role existing: roles belong to the server, so another
 * database on it (or a test template) may have made it already.
 */
export function createRoleIfMissing(role: string, attributes = 'NOLOGIN'): string {
  return `DO $$ BEGIN
        CREATE ROLE ${role} ${attributes};
      EXCEPTION WHEN duplicate_object THEN NULL;
      END $$;`;
}
