import type { TenantContext } from '@storefront/contracts';
import { orderInput, seedVariant, stockHeldByReservations, stockOf } from '@storefront/orders/testing';
import { ServiceTokens, type TenancyServices } from '@storefront/tenancy';
import { provisionTestTenantOnShard, usePrivatePostgresTenancy } from '@storefront/tenancy/testing';
import { until } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { CHECKOUT_START_TIMEOUT_MS, singleShardEnv, startCheckoutProcess, type CheckoutProcess } from '../test/checkout-process';

const SECRET = 'checkout-postgres-restart-secret-of-32-bytes';
const SHOPPERS = 6;

/**
 * Shoppers placing orders in a loop, each order under its own Idempotency-Key, retried with that
 * key until checkout answers 201, as a well-behaved client does through any 5xx, 409 in progress
 * or dropped connection. Records which order each 201 acknowledged and every other answer.
 */
class CheckoutLoad {
  readonly acknowledged = new Map<string, string>();
  readonly otherAnswers = new Map<string, number>();
  private running = true;
  private readonly shoppers: Promise<void>[];

  constructor(
    private readonly checkoutUrl: string,
    private readonly token: string,
    private readonly sku: string,
  ) {
    this.shoppers = Array.from({ length: SHOPPERS }, () => this.shop());
  }

  /** Lets every shopper finish the order it is placing, then stops. */
  async finish(): Promise<void> {
    this.running = false;
    await Promise.all(this.shoppers);
  }

  private async shop(): Promise<void> {
    while (this.running) {
      const key = randomUUID();
      this.acknowledged.set(key, await this.placeUntilAcknowledged(key));
    }
  }

  private async placeUntilAcknowledged(key: string): Promise<string> {
    for (;;) {
      const answer = await this.send(key);
      if (answer.status === 201) return answer.orderId!;
      this.otherAnswers.set(answer.label, (this.otherAnswers.get(answer.label) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async send(key: string): Promise<{ status: number; label: string; orderId?: string }> {
    try {
      const response = await fetch(`${this.checkoutUrl}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(orderInput([{ sku: this.sku, quantity: 1 }])),
      });
      const body = (await response.json()) as { orderId?: string; code?: string };
      const retryAfter = response.headers.get('retry-after');
      return { status: response.status, orderId: body.orderId, label: `${response.status}${body.code ? ` ${body.code}` : ''}${retryAfter ? ' retry-after' : ''}` };
    } catch {
      return { status: 0, label: 'no answer' };
    }
  }
}

describe('checkout while its PostgreSQL is stopped and started again', () => {
  const env = usePrivatePostgresTenancy();

  const readiness = async (checkout: CheckoutProcess): Promise<number> => (await fetch(`${checkout.url}/health/ready`)).status;

  it('loses and duplicates no acknowledged order, is unready while PostgreSQL is down and recovers without a restart', async () => {
    const { tenancy, postgres } = env;
    const { ctx } = await provisionTestTenantOnShard(tenancy, 'checkout', 0);
    const initialStock = 100_000;
    const sku = await seedVariant(tenancy, ctx, { stock: initialStock });
    // A retry may take over a key whose request died with its connection after 2 s, not a minute.
    const processEnv = await singleShardEnv(SECRET, {
      DATABASE_URL: postgres.serviceUrl,
      PLATFORM_IDEMPOTENCY_LEASE_SECONDS: '2',
      PLATFORM_PAYMENT_TIMEOUT_MS: '1000',
      PLATFORM_DB_CONNECTION_TIMEOUT_MS: '1000',
    });
    const checkout = await startCheckoutProcess(processEnv);
    const token = await new ServiceTokens(SECRET).sign('checkout', { kind: 'shopper', tenantId: ctx.tenantId });
    try {
      expect(await readiness(checkout)).toBe(200);
      const load = new CheckoutLoad(checkout.url, token, sku);
      await until(async () => load.acknowledged.size >= 30, 60_000, '30 orders before the stop');

      await postgres.stop();
      await until(async () => (await readiness(checkout)) === 503, 30_000, 'readiness to go red');
      const answeredWhileDown = () => [...load.otherAnswers.values()].reduce((sum, n) => sum + n, 0);
      await until(async () => answeredWhileDown() >= SHOPPERS, 30_000, 'every shopper to be refused while PostgreSQL is down');

      await postgres.start();
      await until(async () => (await readiness(checkout)) === 200, 60_000, 'readiness to go green again');
      const atRecovery = load.acknowledged.size;
      await until(async () => load.acknowledged.size >= atRecovery + 30, 60_000, '30 more orders after the restart');
      await load.finish();

      expect(checkout.child.exitCode).toBeNull();
      expect(load.otherAnswers.get('503 retry-after')).toBeGreaterThan(0);
      // Only transient answers while it was down: no 500 (a bug's answer), no refused order.
      expect([...load.otherAnswers.keys()].filter((label) => !/^(503 retry-after|409 request_in_progress|no answer)$/.test(label))).toEqual([]);
      await expectOrdersToBe(tenancy, ctx, load.acknowledged);
      // Stock sold, plus stock still held by reservations of requests that died with their connection.
      expect((await stockOf(tenancy, ctx, sku)) + load.acknowledged.size + (await stockHeldByReservations(tenancy, ctx))).toBe(initialStock);
    } finally {
      await checkout.stop();
    }
  }, CHECKOUT_START_TIMEOUT_MS + 240_000);
});

/** The orders table holds exactly one order per acknowledged key, the one the shopper was told. */
async function expectOrdersToBe(tenancy: TenancyServices, ctx: TenantContext, acknowledged: ReadonlyMap<string, string>): Promise<void> {
  const rows = await tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ key: string; id: string }[]>('SELECT idempotency_key AS key, id FROM orders'));
  const stored = new Map(rows.map((row) => [row.key, row.id]));
  expect(stored.size).toBe(rows.length);
  expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(acknowledged));
}
