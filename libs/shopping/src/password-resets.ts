import type { TenantContext } from '@storefront/contracts';
import type { PasswordHasher } from '@storefront/credentials';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { createHash, randomBytes } from 'node:crypto';
import type { CustomerView } from './customer.service';
import { ShoppingValidationError } from './shopping-errors';

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MINUTES = 60;
/** Links sent per account per hour; more requests answer the same but send nothing. */
const RESETS_PER_HOUR = 3;

const tokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

/** A link that still works: its token's hash ($1), unused, within its lifetime. */
const LIVE_TOKEN = 'token_hash = $1 AND used_at IS NULL AND expires_at > now()';

const invalidToken = (): ShoppingValidationError =>
  new ShoppingValidationError('the reset link is invalid, used or expired; ask for a new one', [{ field: 'token', message: 'is invalid, used or expired' }]);

/**
 * "Forgot your password?" for shopper accounts. A request answers the same whether or not the
 * email has an account (no probing); for one that does, a single-use link is mailed through the
 * `customer.password_reset_requested` event (in the same transaction as the token, so no link is
 * mailed that was never stored). Using a link sets the password and ends every other link.
 */
export class PasswordResetService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly passwords: PasswordHasher,
  ) {}

  /** `linkFor` turns the secret token into the link the shopper opens (the store's own host). */
  async request(ctx: TenantContext, input: { email: string }, linkFor: (token: string) => string): Promise<void> {
    const email = input.email.trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');
    await this.uow.run(ctx, async (tx) => {
      const [customer] = await tx.query<{ id: string; recent: number }[]>(
        `SELECT c.id, (SELECT count(*)::int FROM customer_password_resets r WHERE r.customer_id = c.id AND r.created_at > now() - interval '1 hour') AS recent
           FROM customers c WHERE c.email = $1 FOR UPDATE OF c`,
        [email],
      );
      if (!customer || customer.recent >= RESETS_PER_HOUR) return;
      await tx.query(
        `INSERT INTO customer_password_resets (token_hash, customer_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
        [tokenHash(token), customer.id, PASSWORD_RESET_TTL_MINUTES],
      );
      await appendToOutbox(tx, newDomainEvent(ctx, 'customer.password_reset_requested', { customerId: customer.id, email, resetUrl: linkFor(token) }));
    });
  }

  /** Sets the new password through a link's token; the customer it belongs to, to sign in. */
  async complete(ctx: TenantContext, input: { token: string; password: string }): Promise<CustomerView> {
    const hash = tokenHash(input.token);
    // A made-up token is refused before the (deliberately slow) password hash is paid for.
    const live = await this.uow.run(ctx, (tx) => tx.query<unknown[]>(`SELECT 1 FROM customer_password_resets WHERE ${LIVE_TOKEN}`, [hash]));
    if (live.length === 0) throw invalidToken();
    const passwordHash = await this.passwords.hash(input.password);
    return this.uow.run(ctx, async (tx) => {
      // FOR UPDATE: two uses of one link at once set the password once.
      const [reset] = await tx.query<{ customer_id: string }[]>(`SELECT customer_id FROM customer_password_resets WHERE ${LIVE_TOKEN} FOR UPDATE`, [hash]);
      if (!reset) throw invalidToken();
      // Through a CTE: TypeORM hands an UPDATE's RETURNING back as [rows, count], a SELECT as rows.
      const [customer] = await tx.query<{ id: string; email: string }[]>(
        'WITH changed AS (UPDATE customers SET password_hash = $2 WHERE id = $1 RETURNING id, email) SELECT id, email FROM changed',
        [reset.customer_id, passwordHash],
      );
      await tx.query('UPDATE customer_password_resets SET used_at = now() WHERE customer_id = $1 AND used_at IS NULL', [reset.customer_id]);
      return { id: customer!.id, email: customer!.email };
    });
  }
}
