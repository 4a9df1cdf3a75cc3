import type { DiscountCodeView } from '@storefront/contracts';
import { BASIS_POINT_DECIMALS, countText, DraftReader, moneyText, percentText, scheduleDraftOf, type Converted, type ScheduleDraft } from './selling-draft';

export type CodeValueKind = DiscountCodeView['value']['kind'];

export interface DiscountCodeDraft extends ScheduleDraft {
  readonly code: string;
  readonly kind: CodeValueKind;
  /** As typed ("25", "12.5"): sent as text, so the API turns it into exact basis points. */
  readonly percent: string;
  readonly amount: string;
  readonly minSubtotal: string;
  readonly usageLimit: string;
  readonly perCustomerLimit: string;
}

export const EMPTY_CODE: DiscountCodeDraft = { code: '', kind: 'percent', percent: '', amount: '', minSubtotal: '', usageLimit: '', perCustomerLimit: '', startsAt: '', endsAt: '' };

export function codeDraftOf(code: DiscountCodeView, currency: string): DiscountCodeDraft {
  return {
    code: code.code,
    kind: code.value.kind,
    percent: code.value.kind === 'percent' ? percentText(code.value.percentBp, BASIS_POINT_DECIMALS) : '',
    amount: code.value.kind === 'fixed' ? moneyText(code.value.amount, currency) : '',
    minSubtotal: code.minSubtotalAmount ? moneyText(code.minSubtotalAmount, currency) : '',
    usageLimit: countText(code.usageLimit),
    perCustomerLimit: countText(code.perCustomerLimit),
    ...scheduleDraftOf(code),
  };
}

/** The PUT/POST body; an empty minimum is none (0), an empty limit is no limit. */
export function codeBodyOf(draft: DiscountCodeDraft, currency: string): Converted<unknown> {
  const read = new DraftReader(currency);
  const value = draft.kind === 'percent' ? { kind: 'percent', percent: draft.percent.trim() } : draft.kind === 'fixed' ? { kind: 'fixed', amount: read.money(draft.amount, 'value.amount') } : { kind: 'free_shipping' };
  return read.done({
    code: draft.code,
    value,
    minSubtotalAmount: read.moneyOrNull(draft.minSubtotal, 'minSubtotalAmount') ?? 0,
    usageLimit: read.wholeOrNull(draft.usageLimit, 'usageLimit'),
    perCustomerLimit: read.wholeOrNull(draft.perCustomerLimit, 'perCustomerLimit'),
    ...read.schedule(draft),
  });
}

/** "25 % off", "€5.00 off", "Free shipping" for the list. */
export function describeCodeValue(value: DiscountCodeView['value'], formatMoney: (amount: number) => string): string {
  if (value.kind === 'percent') return `${percentText(value.percentBp, BASIS_POINT_DECIMALS)} % off`;
  if (value.kind === 'fixed') return `${formatMoney(value.amount)} off`;
  return 'Free shipping';
}
