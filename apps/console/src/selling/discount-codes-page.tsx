import type { DiscountCodeView } from '@storefront/contracts';
import { formatMoney } from '../ui/format';
import { describeCodeValue } from './discount-code-draft';
import { RuleList } from './rule-list';
import { DISCOUNT_CODES } from './rule-kinds';
import { describeSchedule } from './schedule-text';
import { loadCurrency } from './selling-context';
import { SellingNav } from './selling-nav';

/** Codes shoppers type at checkout, with how often each was used against its limit. */
export function DiscountCodesPage() {
  return (
    <>
      <SellingNav />
      <RuleList<DiscountCodeView, string>
        level={1}
        kind={DISCOUNT_CODES}
        nameHeader="Code"
        nameOf={(code) => code.code}
        loadContext={loadCurrency}
        empty="No discount codes yet."
        columns={[
          { header: 'Discount', cell: (code, currency) => describeCodeValue(code.value, (amount) => formatMoney(amount, currency)) },
          { header: 'Uses', cell: (code) => (code.usageLimit === null ? `${code.timesUsed} (no limit)` : `${code.timesUsed} of ${code.usageLimit}`) },
          { header: 'When', cell: describeSchedule },
        ]}
      />
    </>
  );
}
