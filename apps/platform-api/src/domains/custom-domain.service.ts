import type { TenantContext } from '@storefront/contracts';
import { AuditLogEntryEntity, DomainEntity, isPostgresError, PostgresErrorCode, type DatabaseClusters } from '@storefront/database';
import type { TenantChangeNotifier } from '@storefront/tenancy';
import { randomBytes } from 'node:crypto';
import { IsNull, Not } from 'typeorm';
import { toDomainView, type DomainView } from './custom-domain';
import type { DomainVerificationQueue } from './domain-verification.queue';

export class DomainTakenError extends Error {}
export class DomainNotFoundError extends Error {}
/** The host is one of the platform's own names. */
export class ReservedHostError extends Error {}
/** The store's platform address cannot be removed. */
export class PlatformDomainError extends Error {}

/**
 * A store's custom hosts: added as pending with a TXT token, verified by a job, served only once
 * verified. Another tenant's host answers "not found", never "forbidden".
 */
export class CustomDomainService {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly verifications: DomainVerificationQueue,
    private readonly notifier: TenantChangeNotifier,
    private readonly platformDomain: string,
  ) {}

  async list(ctx: TenantContext): Promise<DomainView[]> {
    const domains = await this.clusters.primary.getRepository(DomainEntity).find({ where: { tenantId: ctx.tenantId }, order: { createdAt: 'ASC' } });
    return domains.map(toDomainView);
  }

  async add(ctx: TenantContext, host: string, actor: string): Promise<DomainView> {
    if (host === this.platformDomain || host.endsWith(`.${this.platformDomain}`)) {
      throw new ReservedHostError(`hosts under ${this.platformDomain} belong to the platform`);
    }
    // Only a verified host is taken: a pending claim of another store must not lock the real owner
    // out, who proves control with the TXT record; the first verification wins.
    if (await this.clusters.primary.getRepository(DomainEntity).existsBy({ host, verifiedAt: Not(IsNull()) })) {
      throw new DomainTakenError(`${host} is already in use`);
    }
    try {
      await this.clusters.primary.transaction(async (manager) => {
        await manager.getRepository(DomainEntity).insert({
          host,
          tenantId: ctx.tenantId,
          kind: 'custom',
          verificationToken: randomBytes(16).toString('hex'),
          verifiedAt: null,
        });
        await manager.getRepository(AuditLogEntryEntity).insert({ actor, action: 'domain.added', tenantId: ctx.tenantId, details: { host } });
      });
    } catch (error) {
      if (isPostgresError(error, PostgresErrorCode.uniqueViolation)) throw new DomainTakenError(`${host} is already in use`);
      throw error;
    }
    // A first check at once: the merchant may have published the record before adding the host.
    await this.verifications.request(ctx, host);
    return toDomainView(await this.find(ctx, host));
  }

  /** Removes claims nobody verified within `ttlMs`; returns how many. Idempotent, any replica. */
  async expireClaims(ttlMs: number): Promise<number> {
    // TypeORM answers a DELETE ... RETURNING as [rows, affected].
    const [expired]: [{ host: string; tenant_id: string }[], number] = await this.clusters.primary.query(
      `DELETE FROM platform.domains
        WHERE kind = 'custom' AND verified_at IS NULL AND created_at < now() - make_interval(secs => $1)
        RETURNING host, tenant_id`,
      [ttlMs / 1000],
    );
    if (expired.length > 0) {
      await this.clusters.primary.getRepository(AuditLogEntryEntity).insert(
        expired.map((claim) => ({ actor: 'system:domain-claims', action: 'domain.claim_expired', tenantId: claim.tenant_id, details: { host: claim.host } })),
      );
    }
    return expired.length;
  }

  async requestVerification(ctx: TenantContext, host: string): Promise<DomainView> {
    const domain = await this.find(ctx, host);
    if (!domain.verifiedAt) await this.verifications.request(ctx, host);
    return toDomainView(domain);
  }

  async remove(ctx: TenantContext, host: string, actor: string): Promise<void> {
    const domain = await this.find(ctx, host);
    if (domain.kind === 'platform') throw new PlatformDomainError('the platform address of a store cannot be removed');
    await this.clusters.primary.transaction(async (manager) => {
      await manager.getRepository(DomainEntity).delete({ host, tenantId: ctx.tenantId });
      await manager.getRepository(AuditLogEntryEntity).insert({ actor, action: 'domain.removed', tenantId: ctx.tenantId, details: { host } });
    });
    await this.notifier.publish({ tenantId: ctx.tenantId });
  }

  private async find(ctx: TenantContext, host: string): Promise<DomainEntity> {
    const domain = await this.clusters.primary.getRepository(DomainEntity).findOneBy({ host, tenantId: ctx.tenantId });
    if (!domain) throw new DomainNotFoundError(`domain ${host} not found`);
    return domain;
  }
}
