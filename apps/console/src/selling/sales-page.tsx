import type { SaleView } from '@storefront/contracts';
import { formatMoney } from '../ui/format';
import { RuleList } from './rule-list';
import { SALES } from './rule-kinds';
import { describeSchedule } from './schedule-text';
import { loadCurrency } from './selling-context';
import { SellingNav } from './selling-nav';

/** Scheduled sales: prices per variant for a time, with how many sold at each. */
export function SalesPage() {
  return (
    <>
      <SellingNav />
      <RuleList<SaleView, string>
        level={1}
        kind={SALES}
        nameOf={(sale) => sale.name}
        loadContext={loadCurrency}
        empty="No sales yet."
        columns={[
          { header: 'When', cell: describeSchedule },
          {
            header: 'Prices',
            cell: (sale, currency) => sale.prices.map((price) => `${price.sku} ${formatMoney(price.saleAmount, currency)} (${price.sold}${price.stockCap === null ? '' : ` of ${price.stockCap}`} sold)`).join(', '),
          },
          { header: 'Per customer', cell: (sale) => sale.perCustomerLimit ?? 'No limit' },
        ]}
      />
    </>
  );
}
