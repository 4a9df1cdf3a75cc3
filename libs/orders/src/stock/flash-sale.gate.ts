import type { TenantContext } from '@storefront/contracts';
import type Redis from 'ioredis';

/**
 * One atomic step for a whole cart: if any SKU has no gate entry, answer which (the caller loads
 * it from PostgreSQL); if any flash SKU has too little left, answer sold out; otherwise take the
 * quantities of every flash SKU. Entries of ordinary SKUs hold 'off'.
 * Returns {0, i} missing, {1, i} sold out, {2, i...} admitted (i = 1-based flash line indexes).
 */
export const FLASH_GATE_ADMIT_SCRIPT = `
local values = {}
for i, key in ipairs(KEYS) do
  local v = redis.call('GET', key)
  if not v then return {0, i} end
  if v ~= 'off' and tonumber(v) < tonumber(ARGV[i]) then return {1, i} end
  values[i] = v
end
local admitted = {2}
for i, key in ipairs(KEYS) do
  if values[i] ~= 'off' then
    redis.call('DECRBY', key, ARGV[i])
    admitted[#admitted + 1] = i
  end
end
return admitted
`;

/** Gives quantities back to flash entries that still exist (an expired entry reloads from PostgreSQL). */
const GIVE_BACK_SCRIPT = `
for i, key in ipairs(KEYS) do
  local v = redis.call('GET', key)
  if v and v ~= 'off' then redis.call('INCRBY', key, ARGV[i]) end
end
return 1
`;

export interface GateLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface GateEntry {
  readonly sku: string;
  readonly flashSale: boolean;
  readonly stock: number;
}

export type GateDecision =
  | { readonly kind: 'admitted'; readonly flashLines: readonly number[] }
  | { readonly kind: 'sold-out'; readonly line: number }
  | { readonly kind: 'missing'; readonly line: number };

type GateRedis = Redis & {
  flashGateAdmit(...args: (string | number)[]): Promise<number[]>;
  flashGateGiveBack(...args: (string | number)[]): Promise<number>;
};

/**
 * Redis admission gate for flash-sale SKUs: thousands of buyers are decided in Redis, and only as
 * many as there is stock reach the PostgreSQL row, which stays the source of truth (its
 * conditional UPDATE still guards every sale). Entries expire, so the gate re-reads PostgreSQL at
 * least every `ttlSeconds` and heals after a crash, a restock or a flag change. See ADR 0002.
 */
export class FlashSaleGate {
  private readonly redis: GateRedis;

  constructor(
    redis: Redis,
    private readonly ttlSeconds = 30,
  ) {
    this.redis = redis as GateRedis;
    if (!('flashGateAdmit' in redis)) {
      redis.defineCommand('flashGateAdmit', { lua: FLASH_GATE_ADMIT_SCRIPT });
      redis.defineCommand('flashGateGiveBack', { lua: GIVE_BACK_SCRIPT });
    }
  }

  /** Key per tenant and SKU; the tenant is the Redis Cluster hash tag, so a cart's keys share a slot. */
  static keyOf(ctx: TenantContext, sku: string): string {
    return `checkout:{${ctx.tenantId}}:gate:${sku}`;
  }

  async admit(ctx: TenantContext, lines: readonly GateLine[]): Promise<GateDecision> {
    const result = await this.redis.flashGateAdmit(
      lines.length,
      ...lines.map((line) => FlashSaleGate.keyOf(ctx, line.sku)),
      ...lines.map((line) => line.quantity),
    );
    const [code, ...rest] = result.map(Number);
    if (code === 0) return { kind: 'missing', line: rest[0]! - 1 };
    if (code === 1) return { kind: 'sold-out', line: rest[0]! - 1 };
    return { kind: 'admitted', flashLines: rest.map((i) => i - 1) };
  }

  /** Loads entries read from PostgreSQL; an entry another process loaded first is kept. */
  async load(ctx: TenantContext, entries: readonly GateEntry[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const entry of entries) {
      pipeline.set(FlashSaleGate.keyOf(ctx, entry.sku), entry.flashSale ? String(entry.stock) : 'off', 'EX', this.ttlSeconds, 'NX');
    }
    await pipeline.exec();
  }

  /** Returns admitted quantities after the order failed (declined payment, DB refusal elsewhere). */
  async giveBack(ctx: TenantContext, lines: readonly GateLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.redis.flashGateGiveBack(
      lines.length,
      ...lines.map((line) => FlashSaleGate.keyOf(ctx, line.sku)),
      ...lines.map((line) => line.quantity),
    );
  }

  /** PostgreSQL refused what the gate admitted: align the gate with the database's stock. */
  async correct(ctx: TenantContext, sku: string, stock: number): Promise<void> {
    await this.redis.set(FlashSaleGate.keyOf(ctx, sku), String(stock), 'EX', this.ttlSeconds, 'XX');
  }

  /** Drops entries so the next buyer reloads them (after a restock, a cancellation, a flag change). */
  async forget(ctx: TenantContext, skus: readonly string[]): Promise<void> {
    if (skus.length > 0) await this.redis.del(...skus.map((sku) => FlashSaleGate.keyOf(ctx, sku)));
  }
}
