import { randomUUID } from 'node:crypto';
import { currentTenantContext, deserializeTenantContext, runWithTenantContext, serializeTenantContext, tenantContextFor } from './tenant-context';

describe('tenant context', () => {
  const ctx = tenantContextFor({ id: randomUUID(), clusterId: 'main' }, 'req-1');

  it('survives a round trip through a JSON job payload', () => {
    const payload = JSON.parse(JSON.stringify({ job: 'reindex', tenant: serializeTenantContext(ctx) }));
    expect(deserializeTenantContext(payload.tenant)).toEqual(ctx);
  });

  it('refuses a payload whose schema was pointed at another tenant', () => {
    const other = tenantContextFor({ id: randomUUID(), clusterId: 'main' }, 'req-2');
    const tampered = { ...serializeTenantContext(ctx), schema: other.schema, role: other.role };
    expect(() => deserializeTenantContext(tampered)).toThrow(/do not match/);
  });

  it('refuses payloads without a valid context', () => {
    expect(() => deserializeTenantContext(undefined)).toThrow(/no valid tenant context/);
    expect(() => deserializeTenantContext({ v: 2, tenantId: ctx.tenantId })).toThrow(/no valid tenant context/);
    expect(() => deserializeTenantContext({ ...serializeTenantContext(ctx), tenantId: "x'; DROP SCHEMA" })).toThrow(/UUID/);
  });

  it('is ambient inside runWithTenantContext, across awaits, and absent outside', async () => {
    expect(currentTenantContext()).toBeUndefined();
    await runWithTenantContext(ctx, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(currentTenantContext()).toBe(ctx);
    });
    expect(currentTenantContext()).toBeUndefined();
  });
});
