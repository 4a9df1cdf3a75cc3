import { ServiceUnavailableException } from '@nestjs/common';
import { ShardUnavailableError, type ShardAnswer, type ShardClient } from '@storefront/service-runtime';
import type { FastifyReply } from 'fastify';
import type { MerchantPrincipal } from '../auth/principals';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

/**
 * An id for a forwarded path. Anything but a UUID names nothing, and must never reach the path
 * as it is (`../admin/...` would leave the route): it becomes an id no row has, answered like any
 * other unknown id.
 */
export function pathId(id: string): string {
  return UUID.test(id) ? id.toLowerCase() : NO_SUCH_ID;
}

/**
 * Calls the shard of `client`'s service that owns the merchant's tenant, vouching for that merchant
 * of that tenant only (the token the shard checks names both), and answers with the shard's status
 * and body.
 */
export async function forwardToShard(
  client: ShardClient | null,
  what: string,
  merchant: MerchantPrincipal,
  reply: FastifyReply,
  method: string,
  path: string,
): Promise<unknown> {
  const answer = await askShard(client, what, merchant, method, path);
  void reply.status(answer.statusCode);
  return answer.body;
}

/** The shard's answer as it is, for a caller that acts on it before replying; 503 when it cannot be asked. */
export async function askShard(client: ShardClient | null, what: string, merchant: MerchantPrincipal, method: string, path: string, body?: unknown): Promise<ShardAnswer> {
  if (!client) throw new ServiceUnavailableException(`${what} are unavailable: the service is not configured`);
  try {
    return await client.request({ kind: 'merchant', tenantId: merchant.tenant.id, actor: merchant.accountId }, method, path, body === undefined ? {} : { body });
  } catch (error) {
    if (error instanceof ShardUnavailableError) throw new ServiceUnavailableException(`${what} are unavailable right now; try again in a moment`);
    throw error;
  }
}

/** `?a=1&b=x` from a validated query's set values. */
export function forwardedQuery(query: Readonly<Record<string, string | number | undefined>>): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  const text = new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)])).toString();
  return text ? `?${text}` : '';
}
