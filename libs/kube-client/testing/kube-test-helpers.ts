import { randomUUID } from 'node:crypto';
import { NAMESPACES, resourcePath, type KubeApiClient } from '../src';

/** A fresh namespace (the test control plane never finishes deleting one, so each test takes its own). */
export async function createNamespace(admin: KubeApiClient, name = `shop-${randomUUID().slice(0, 8)}`): Promise<string> {
  await admin.create(resourcePath(NAMESPACES), { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

/** Polls `check` until it answers true; the last error, if any, goes into the timeout message. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}
