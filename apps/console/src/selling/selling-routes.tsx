import type { ReactNode } from 'react';
import { matchPath } from '../routing/router';
import { DiscountCodeEditorPage } from './discount-code-editor-page';
import { DiscountCodesPage } from './discount-codes-page';
import { PromotionEditorPage } from './promotion-editor-page';
import { PromotionsPage } from './promotions-page';
import { DISCOUNT_CODES, PROMOTIONS, SALES, SELLING_PATH, SHIPPING_ZONES, type RuleKind } from './rule-kinds';
import { SaleEditorPage } from './sale-editor-page';
import { SalesPage } from './sales-page';
import { ShippingTaxPage } from './shipping-tax-page';
import { ZoneEditorPage } from './zone-editor-page';

const PAGES: readonly { kind: RuleKind; list(): ReactNode; editor(id: string | null): ReactNode }[] = [
  { kind: SHIPPING_ZONES, list: () => <ShippingTaxPage />, editor: (id) => <ZoneEditorPage key={id} zoneId={id} /> },
  { kind: DISCOUNT_CODES, list: () => <DiscountCodesPage />, editor: (id) => <DiscountCodeEditorPage key={id} codeId={id} /> },
  { kind: PROMOTIONS, list: () => <PromotionsPage />, editor: (id) => <PromotionEditorPage key={id} promotionId={id} /> },
  { kind: SALES, list: () => <SalesPage />, editor: (id) => <SaleEditorPage key={id} saleId={id} /> },
];

/** The selling page at `path` (`/selling` opens its first section), or null when the path is not one of them. */
export function sellingPage(path: string): ReactNode | null {
  if (path === SELLING_PATH) return PAGES[0]!.list();
  for (const { kind, list, editor } of PAGES) {
    if (path === kind.route) return list();
    const id = matchPath(`${kind.route}/:id`, path)?.id;
    if (id) return editor(id === 'new' ? null : id);
  }
  return null;
}
