import type { DomainEvent } from '@storefront/outbox';
import type { TenantTransaction } from '@storefront/tenancy';
import type { NewDelivery } from '../deliveries/delivery';
import { DeliveryLogRepository } from '../deliveries/delivery-log.repository';
import { CustomerFeedRepository } from '../feed/customer-feed.repository';
import { isNotifiedEvent, isWebhookEvent, type NotifiedEvent } from '../notification-events';
import type { StoreBranding } from '../templates/email-layout';
import { composeEmail, composeSms, type ComposedEmail } from '../templates/message-composer';
import { NotificationTemplateRepository } from '../templates/notification-template.repository';
import type { TemplateVariables } from '../templates/template-renderer';
import { loadOrderFacts, orderVariables } from './order-facts';
import type { TenantFacts } from './tenant-facts';

/** How long a `store.provisioned` event waits (by retrying) for its merchant account to exist. */
const MERCHANT_WAIT_MS = 2 * 60_000;

/** Retried by the event queue's backoff; a store without a merchant (the demo store) gives up after MERCHANT_WAIT_MS. */
export class MerchantNotRegisteredYetError extends Error {
  constructor(tenantId: string) {
    super(`tenant ${tenantId} has no merchant account yet`);
    this.name = 'MerchantNotRegisteredYetError';
  }
}

/** Who gets told what about one event: emails, texts, webhook calls and feed entries. */
interface Audience {
  readonly variables: TemplateVariables;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly customerId?: string | null;
}

export interface NotificationPlannerOptions {
  /** A store's public URL from its platform host (https in production, a local port under `npm start`). */
  readonly storeUrlOf?: (host: string) => string;
}

/**
 * Turns an event into the tenant's planned deliveries and feed entries, inside the consumer's
 * transaction (so planning happens once per event id). Sending happens later, per delivery.
 */
export class NotificationPlanner {
  private readonly deliveries = new DeliveryLogRepository();
  private readonly templates = new NotificationTemplateRepository();
  private readonly feed = new CustomerFeedRepository();

  constructor(private readonly options: NotificationPlannerOptions = {}) {}

  async plan(tx: TenantTransaction, event: DomainEvent, facts: TenantFacts): Promise<void> {
    if (!isNotifiedEvent(event.type)) {
      // Catalog events (product.*, stock.adjusted) have nobody to email or text: webhooks only.
      if (isWebhookEvent(event.type)) await this.deliveries.plan(tx, event, await this.webhookCalls(tx, event));
      return;
    }
    const branding = await this.brandingOf(tx, facts);
    const audience = await this.audienceOf(tx, event, event.type, facts, branding);
    if (!audience) return;
    const variables: TemplateVariables = { 'store.name': branding.storeName, 'store.url': branding.storeUrl, ...audience.variables };
    const planned: NewDelivery[] = [];
    let email: ComposedEmail | undefined;
    if (audience.email) {
      email = composeEmail(event.type, await this.templates.find(tx, event.type, 'email'), branding, variables);
      planned.push({
        channel: 'email',
        recipient: audience.email,
        subject: email.subject,
        bodyText: email.text,
        bodyHtml: email.html,
        payload: { storeName: branding.storeName },
      });
    }
    if (audience.phone) {
      const text = composeSms(event.type, await this.templates.find(tx, event.type, 'sms'), variables);
      if (text) planned.push({ channel: 'sms', recipient: audience.phone, bodyText: text });
    }
    if (isWebhookEvent(event.type)) planned.push(...(await this.webhookCalls(tx, event)));
    await this.deliveries.plan(tx, event, planned);
    if (audience.customerId && email) {
      await this.feed.add(tx, audience.customerId, event, { title: email.subject, body: firstParagraph(email, branding) });
    }
  }

  /** One call per active endpoint subscribed to the event, carrying the event as stored. */
  private async webhookCalls(tx: TenantTransaction, event: DomainEvent): Promise<NewDelivery[]> {
    const endpoints = await tx.query<{ id: string }[]>('SELECT id FROM webhook_endpoints WHERE active AND $1 = ANY(events) ORDER BY created_at', [event.type]);
    const body = { id: event.id, type: event.type, createdAt: event.occurredAt, data: event.payload };
    return endpoints.map((endpoint) => ({ channel: 'webhook', recipient: endpoint.id, payload: body }));
  }

  private async audienceOf(
    tx: TenantTransaction,
    event: DomainEvent,
    type: NotifiedEvent,
    facts: TenantFacts,
    branding: StoreBranding,
  ): Promise<Audience | undefined> {
    const payload = event.payload as Record<string, unknown>;
    switch (type) {
      case 'order.placed':
      case 'order.fulfilled':
      case 'order.cancelled':
      case 'order.refunded': {
        const order = await loadOrderFacts(tx, String(payload.orderId));
        if (!order) return undefined;
        return { variables: orderVariables(order), email: order.customerEmail, phone: order.phone, customerId: order.customerId };
      }
      case 'customer.registered':
        return {
          variables: { 'customer.email': String(payload.email) },
          email: String(payload.email),
          customerId: String(payload.customerId),
        };
      case 'customer.password_reset_requested':
        return { variables: { 'customer.email': String(payload.email), 'reset.url': String(payload.resetUrl) }, email: String(payload.email) };
      case 'store.provisioned': {
        // Signup writes the merchant right after provisioning: prefer the address the event carries.
        const email = typeof payload.merchantEmail === 'string' ? payload.merchantEmail : facts.merchantEmail;
        if (!email && Date.now() - Date.parse(event.occurredAt) < MERCHANT_WAIT_MS) throw new MerchantNotRegisteredYetError(event.tenantId);
        return { variables: { 'store.url': branding.storeUrl }, email };
      }
    }
  }

  private async brandingOf(tx: TenantTransaction, facts: TenantFacts): Promise<StoreBranding> {
    const [settings] = await tx.query<{ name: string }[]>('SELECT name FROM store_settings WHERE id = 1');
    const host = facts.host ?? '';
    return { storeName: settings?.name ?? facts.name, storeUrl: this.options.storeUrlOf ? this.options.storeUrlOf(host) : `https://${host}` };
  }
}

function firstParagraph(email: ComposedEmail, branding: StoreBranding): string {
  // The text body starts with the store name (the branded frame); the feed shows the message itself.
  const body = email.text.startsWith(branding.storeName) ? email.text.slice(branding.storeName.length) : email.text;
  return body.trim().split(/\n\s*\n/)[0] ?? '';
}
