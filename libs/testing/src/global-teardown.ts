/** Stops the servers the global setup started (not ones given by DATABASE_URL / REDIS_URL). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__storefrontTestEnvironment?.stop();
}
