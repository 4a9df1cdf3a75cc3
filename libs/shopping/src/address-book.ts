import type { ShippingAddress, TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { ShoppingConflictError, ShoppingNotFoundError } from './shopping-errors';

export interface SavedAddress {
  readonly id: string;
  readonly address: ShippingAddress;
  readonly isDefault: boolean;
}

/** Enough for home, work and a few gifts; a bound so one account cannot grow the table without end. */
export const MAX_SAVED_ADDRESSES = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A signed-in customer's saved shipping addresses (tenant migration 0016). Every statement names
 * the customer, so an id of another customer's address is "not found". Addresses arrive validated
 * by the storefront's address schema (postal code shape per country included).
 */
export class AddressBook {
  constructor(private readonly uow: TenantUnitOfWork) {}

  list(ctx: TenantContext, customerId: string): Promise<SavedAddress[]> {
    return this.uow.run(ctx, async (tx) =>
      (await tx.query<Row[]>('SELECT id, address, is_default FROM customer_addresses WHERE customer_id = $1 ORDER BY is_default DESC, created_at, id', [customerId])).map(toSaved),
    );
  }

  /** Saves an address; the first one, or one marked default, becomes the default. An identical address is not saved twice. */
  add(ctx: TenantContext, customerId: string, address: ShippingAddress, options: { makeDefault?: boolean } = {}): Promise<SavedAddress> {
    return this.uow.run(ctx, async (tx) => {
      // The customer row is locked so two saves at once count each other.
      await tx.query('SELECT 1 FROM customers WHERE id = $1 FOR UPDATE', [customerId]);
      const existing = await tx.query<Row[]>('SELECT id, address, is_default FROM customer_addresses WHERE customer_id = $1', [customerId]);
      const same = existing.find((row) => sameAddress(row.address, address));
      if (same && !options.makeDefault) return toSaved(same);
      if (!same && existing.length >= MAX_SAVED_ADDRESSES) {
        throw new ShoppingConflictError(`an address book holds at most ${MAX_SAVED_ADDRESSES} addresses; remove one first`, [{ field: 'address', message: 'the address book is full' }]);
      }
      const makeDefault = options.makeDefault === true || existing.length === 0;
      if (makeDefault) await tx.query('UPDATE customer_addresses SET is_default = false WHERE customer_id = $1 AND is_default', [customerId]);
      const [row] = same
        ? await tx.query<Row[]>('UPDATE customer_addresses SET is_default = true WHERE id = $1 RETURNING id, address, is_default', [same.id])
        : await tx.query<Row[]>('INSERT INTO customer_addresses (customer_id, address, is_default) VALUES ($1, $2, $3) RETURNING id, address, is_default', [
            customerId,
            JSON.stringify(address),
            makeDefault,
          ]);
      return toSaved(row!);
    });
  }

  async get(ctx: TenantContext, customerId: string, id: string): Promise<SavedAddress> {
    if (!UUID.test(id)) throw new ShoppingNotFoundError('there is no such address');
    const [row] = await this.uow.run(ctx, (tx) => tx.query<Row[]>('SELECT id, address, is_default FROM customer_addresses WHERE id = $1 AND customer_id = $2', [id, customerId]));
    if (!row) throw new ShoppingNotFoundError('there is no such address');
    return toSaved(row);
  }

  async remove(ctx: TenantContext, customerId: string, id: string): Promise<void> {
    if (!UUID.test(id)) throw new ShoppingNotFoundError('there is no such address');
    const [, removed] = await this.uow.run(ctx, (tx) => tx.query<[unknown[], number]>('DELETE FROM customer_addresses WHERE id = $1 AND customer_id = $2', [id, customerId]));
    if (removed === 0) throw new ShoppingNotFoundError('there is no such address');
  }
}

interface Row {
  id: string;
  address: ShippingAddress;
  is_default: boolean;
}

function toSaved(row: Row): SavedAddress {
  return { id: row.id, address: row.address, isDefault: row.is_default };
}

const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;

/** Field by field: jsonb gives keys back in its own order, so the JSON text cannot be compared. */
function sameAddress(a: ShippingAddress, b: ShippingAddress): boolean {
  return ADDRESS_FIELDS.every((field) => (a[field] ?? '') === (b[field] ?? ''));
}
