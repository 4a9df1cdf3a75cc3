import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of one request or job carries. */
export interface RequestContext {
  readonly requestId: string;
  /** Filled in once the tenant is known (from the Host or the token). */
  tenantId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Records the tenant on the current request so later log lines carry it. */
export function bindTenantToRequest(tenantId: string): void {
  const context = storage.getStore();
  if (context) context.tenantId = tenantId;
}
