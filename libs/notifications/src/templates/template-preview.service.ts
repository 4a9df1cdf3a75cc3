import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import type { NotifiedEvent } from '../notification-events';
import { orderVariables, type OrderFacts } from '../planning/order-facts';
import type { TenantFactsReader } from '../planning/tenant-facts';
import { composeEmail, composeSms } from './message-composer';
import { NotificationTemplateRepository, type TemplateOverride } from './notification-template.repository';
import type { TemplateVariables } from './template-renderer';

export interface PreviewInput {
  readonly event: NotifiedEvent;
  readonly channel: 'email' | 'sms';
  /** A draft to preview; without it the store's saved template (or the default) is shown. */
  readonly draft?: TemplateOverride;
}

export interface Preview {
  readonly subject: string | null;
  readonly html: string | null;
  readonly text: string;
}

const SAMPLE_ORDER: OrderFacts = {
  id: '00000000-0000-4000-8000-000000000001',
  number: 1001,
  currency: 'EUR',
  totalAmount: 5_980,
  refundedAmount: 5_980,
  customerId: null,
  customerEmail: 'ada@example.com',
  phone: '+49 30 1234567',
  lines: [
    { title: 'Classic T-shirt (M, Blue)', sku: 'TSHIRT-M-BLUE', quantity: 2, unitAmount: 1_990, lineAmount: 3_980 },
    { title: 'Beanie', sku: 'BEANIE-RED', quantity: 1, unitAmount: 2_000, lineAmount: 2_000 },
  ],
  totals: {
    currency: 'EUR',
    pricesIncludeTax: true,
    subtotal: 5_980,
    discounts: [],
    discountTotal: 0,
    shipping: { methodId: '00000000-0000-4000-8000-000000000002', name: 'DHL Paket', amount: 0 },
    // Per line, half up: 3 980 x 19/119 = 635.46 -> 635, 2 000 x 19/119 = 319.33 -> 319
    taxes: [{ label: 'VAT', ratePpm: 190_000, amount: 954 }],
    taxTotal: 954,
    total: 5_980,
    lines: [
      { sku: 'TSHIRT-M-BLUE', quantity: 2, unitAmount: 1_990, subtotal: 3_980, discount: 0, tax: 635 },
      { sku: 'BEANIE-RED', quantity: 1, unitAmount: 2_000, subtotal: 2_000, discount: 0, tax: 319 },
    ],
  },
};

/** Renders a template with sample data in the store's branding, exactly as a customer would get it. */
export class TemplatePreviewService {
  private readonly templates = new NotificationTemplateRepository();

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly facts: TenantFactsReader,
    private readonly storeUrlOf: (host: string) => string = (host) => `https://${host}`,
  ) {}

  async preview(ctx: TenantContext, input: PreviewInput): Promise<Preview> {
    const facts = (await this.facts.of(ctx.tenantId)) ?? { name: '', host: null };
    return this.unitOfWork.run(ctx, async (tx) => {
      const [settings] = await tx.query<{ name: string }[]>('SELECT name FROM store_settings WHERE id = 1');
      const branding = { storeName: settings?.name ?? facts.name, storeUrl: this.storeUrlOf(facts.host ?? '') };
      const variables: TemplateVariables = {
        ...orderVariables(SAMPLE_ORDER),
        'store.name': branding.storeName,
        'store.url': branding.storeUrl,
        'reset.url': `${branding.storeUrl}/account/reset?token=sample`,
        'order.trackingUrl': 'https://tracking.example.com/1Z999',
      };
      const override = input.draft ?? (await this.templates.find(tx, input.event, input.channel));
      if (input.channel === 'sms') return { subject: null, html: null, text: composeSms(input.event, override, variables) ?? '' };
      const email = composeEmail(input.event, override, branding, variables);
      return { subject: email.subject, html: email.html, text: email.text };
    });
  }
}
