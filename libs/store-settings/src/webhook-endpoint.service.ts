import type { TenantContext, WebhookEndpoint } from '@storefront/contracts';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { randomBytes } from 'node:crypto';
import type { WebhookEvent } from './notification-events';
import { StoreSettingNotFoundError } from './store-settings-errors';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export interface WebhookEndpointInput {
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  readonly active?: boolean;
}

export type { WebhookEndpoint } from '@storefront/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A store's webhook endpoints. The signing secret is shown once, when the endpoint is created. */
export class WebhookEndpointService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async create(ctx: TenantContext, input: WebhookEndpointInput): Promise<WebhookEndpoint & { secret: string }> {
    return this.uow.run(ctx, async (tx) => {
      const repository = tx.getRepository(WebhookEndpointEntity);
      const saved = await repository.save(
        repository.create({ url: input.url, events: [...new Set(input.events)], active: input.active ?? true, secret: `whsec_${randomBytes(24).toString('base64url')}` }),
      );
      return { ...toEndpoint(saved), secret: saved.secret };
    });
  }

  async list(ctx: TenantContext): Promise<WebhookEndpoint[]> {
    return this.uow.run(ctx, async (tx) => (await tx.getRepository(WebhookEndpointEntity).find({ order: { createdAt: 'ASC' } })).map(toEndpoint));
  }

  async update(ctx: TenantContext, id: string, change: Partial<WebhookEndpointInput>): Promise<WebhookEndpoint> {
    return this.uow.run(ctx, async (tx) => {
      const endpoint = await find(tx, id);
      const saved = await tx.getRepository(WebhookEndpointEntity).save({
        ...endpoint,
        ...(change.url !== undefined ? { url: change.url } : {}),
        ...(change.events !== undefined ? { events: [...new Set(change.events)] } : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
      });
      return toEndpoint(saved);
    });
  }

  async remove(ctx: TenantContext, id: string): Promise<void> {
    await this.uow.run(ctx, async (tx) => {
      await find(tx, id);
      await tx.getRepository(WebhookEndpointEntity).delete({ id });
    });
  }
}

async function find(tx: TenantTransaction, id: string): Promise<WebhookEndpointEntity> {
  const endpoint = UUID.test(id) ? await tx.getRepository(WebhookEndpointEntity).findOneBy({ id }) : null;
  if (!endpoint) throw new StoreSettingNotFoundError(`webhook endpoint ${id}`);
  return endpoint;
}

function toEndpoint(row: WebhookEndpointEntity): WebhookEndpoint {
  return { id: row.id, url: row.url, events: row.events, active: row.active };
}
