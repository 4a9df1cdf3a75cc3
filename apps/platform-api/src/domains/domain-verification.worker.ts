import { AuditLogEntryEntity, DomainEntity, isPostgresError, PostgresErrorCode, type DatabaseClusters } from '@storefront/database';
import type { Logger } from '@storefront/observability';
import { deserializeTenantContext, type TenantChangeNotifier } from '@storefront/tenancy';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { IsNull } from 'typeorm';
import { verificationRecordName, verificationRecordValue } from './custom-domain';
import type { DnsTxtResolver } from './dns-txt-resolver';
import { DOMAIN_VERIFICATION_QUEUE, type DomainVerificationJob } from './domain-verification.queue';

export class DomainNotVerifiedYetError extends Error {}

/**
 * Consumer side: looks the TXT record up and, when it carries the domain's token, marks the
 * domain verified (so it starts serving the store) and announces the change to host caches.
 * A missing record throws, so BullMQ retries with backoff. Idempotent: a verified domain stays so.
 */
export class DomainVerificationWorker {
  private readonly worker: Worker<DomainVerificationJob>;

  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly dns: DnsTxtResolver,
    private readonly notifier: TenantChangeNotifier,
    private readonly logger: Logger,
    options: { connection: ConnectionOptions; prefix: string },
  ) {
    this.worker = new Worker<DomainVerificationJob>(DOMAIN_VERIFICATION_QUEUE, (job) => this.verify(job), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 4,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.info({ tenantId: job?.data.tenant.tenantId, host: job?.data.host, attempt: job?.attemptsMade, err: error.message }, 'domain not verified yet'),
    );
  }

  async verify(job: Job<DomainVerificationJob>): Promise<'verified' | 'gone' | 'taken'> {
    const ctx = deserializeTenantContext(job.data.tenant);
    const domains = this.clusters.primary.getRepository(DomainEntity);
    const domain = await domains.findOneBy({ host: job.data.host, tenantId: ctx.tenantId });
    if (!domain) return 'gone';
    if (domain.verifiedAt) return 'verified';

    const records = await this.dns.resolveTxt(verificationRecordName(domain.host));
    if (!records.includes(verificationRecordValue(domain.verificationToken))) {
      throw new DomainNotVerifiedYetError(`no TXT record ${verificationRecordName(domain.host)} with the verification token yet`);
    }
    try {
      await this.clusters.primary.transaction(async (manager) => {
        await manager.getRepository(DomainEntity).update({ host: domain.host, tenantId: ctx.tenantId, verifiedAt: IsNull() }, { verifiedAt: new Date() });
        // The host is this store's now: other stores' claims of it can never verify.
        await manager.query(`DELETE FROM platform.domains WHERE host = $1 AND tenant_id <> $2 AND verified_at IS NULL`, [domain.host, ctx.tenantId]);
        await manager.getRepository(AuditLogEntryEntity).insert({
          actor: 'system:domain-verification',
          action: 'domain.verified',
          tenantId: ctx.tenantId,
          details: { host: domain.host },
        });
      });
    } catch (error) {
      // Another store proved control first (domains_verified_host_key): this claim is void.
      if (!isPostgresError(error, PostgresErrorCode.uniqueViolation)) throw error;
      await domains.delete({ host: domain.host, tenantId: ctx.tenantId, verifiedAt: IsNull() });
      return 'taken';
    }
    await this.notifier.publish({ tenantId: ctx.tenantId });
    return 'verified';
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
