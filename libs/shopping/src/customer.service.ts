import type { TenantContext } from '@storefront/contracts';
import type { PasswordHasher } from '@storefront/credentials';
import { isPostgresError, PostgresErrorCode } from '@storefront/database';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { CustomerEntity } from './entities';
import { InvalidCredentialsError, ShoppingConflictError } from './shopping-errors';

export interface CustomerView {
  readonly id: string;
  readonly email: string;
}

/** Shopper accounts of one store. */
export class CustomerService {
  /** Verified against when the email is unknown, so both answers take as long. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly passwords: PasswordHasher,
  ) {
    this.decoyHash = passwords.hash('decoy password for unknown accounts');
  }

  async register(ctx: TenantContext, input: { email: string; password: string }): Promise<CustomerView> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.uow.run(ctx, async (tx) => {
        const saved = await tx.getRepository(CustomerEntity).save({ email, passwordHash });
        return { id: saved.id, email: saved.email };
      });
    } catch (error) {
      if (isPostgresError(error, PostgresErrorCode.uniqueViolation)) {
        throw new ShoppingConflictError('an account with this email exists; sign in instead', [
          { field: 'email', message: 'is already registered' },
        ]);
      }
      throw error;
    }
  }

  async authenticate(ctx: TenantContext, input: { email: string; password: string }): Promise<CustomerView> {
    const email = input.email.trim().toLowerCase();
    const customer = await this.uow.run(ctx, (tx) => tx.getRepository(CustomerEntity).findOneBy({ email }));
    const valid = await this.passwords.verify(input.password, customer?.passwordHash ?? (await this.decoyHash));
    if (!customer || !valid) throw new InvalidCredentialsError();
    return { id: customer.id, email: customer.email };
  }
}
