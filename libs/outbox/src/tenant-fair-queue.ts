import type { IRedisClient, Job, Worker } from 'bullmq';

/** A queue's own connection (`await queue.backend.client`), whatever Redis client BullMQ runs on. */
export type ScriptClient = Pick<IRedisClient, 'defineCommand' | 'runCommand'>;

/** BullMQ's highest priority number (lowest priority). */
const PRIORITY_LIMIT = 2 ** 21 - 1;

/**
 * Start-time fair queuing: each tenant's next job gets tag = max(clock, tenant's last tag) + 1,
 * and the queue's clock advances to the tag of every job a worker starts. Jobs run in tag order
 * (as BullMQ priorities, relative to the clock), so tenants take turns: a tenant that enqueued
 * 10,000 jobs holds tags far ahead of the clock, and another tenant's first job slots in next.
 */
const TAG_SCRIPT = `
local clock = tonumber(redis.call('GET', KEYS[1]) or '0')
local out = {}
for i, tenant in ipairs(ARGV) do
  local last = tonumber(redis.call('HGET', KEYS[2], tenant) or '0')
  local tag = math.max(clock, last) + 1
  redis.call('HSET', KEYS[2], tenant, tag)
  out[#out + 1] = tag
  out[#out + 1] = math.min(tag - clock, ${PRIORITY_LIMIT})
end
return out`;

const ADVANCE_SCRIPT = `
local clock = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > clock then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

export interface FairSlot {
  /** Absolute virtual start time; the worker hands it back to advance the clock. */
  readonly tag: number;
  /** BullMQ priority to enqueue with (1 = next). */
  readonly priority: number;
}

/** Keys carry the shard's hash tag (the queue prefix), so they share the queue's cluster slot. */
function keysOf(prefix: string, queueName: string): [string, string] {
  return [`${prefix}:${queueName}:fair:clock`, `${prefix}:${queueName}:fair:tags`];
}

const defined = new WeakSet<ScriptClient>();

function ensureScripts(client: ScriptClient): void {
  if (defined.has(client)) return;
  client.defineCommand('tenantFairTags', { numberOfKeys: 2, lua: TAG_SCRIPT });
  client.defineCommand('tenantFairAdvance', { numberOfKeys: 1, lua: ADVANCE_SCRIPT });
  defined.add(client);
}

/** Fair slots for jobs of `tenantIds` (in enqueue order), in one round trip. */
export async function fairSlots(client: ScriptClient, prefix: string, queueName: string, tenantIds: readonly string[]): Promise<FairSlot[]> {
  if (tenantIds.length === 0) return [];
  ensureScripts(client);
  const flat = (await client.runCommand('tenantFairTags', [...keysOf(prefix, queueName), ...tenantIds])) as number[];
  const slots: FairSlot[] = [];
  for (let i = 0; i < flat.length; i += 2) slots.push({ tag: flat[i]!, priority: flat[i + 1]! });
  return slots;
}

/** Called when a worker starts a job: moves the queue's virtual clock to the job's tag. */
export async function advanceFairClock(client: ScriptClient, prefix: string, queueName: string, tag: number): Promise<void> {
  ensureScripts(client);
  await client.runCommand('tenantFairAdvance', [keysOf(prefix, queueName)[0], String(tag)]);
}

/**
 * A worker's half of fair queuing, first thing in its processor: without it the clock stands
 * still, so a tenant's past work counts against it forever (ADR 0301).
 */
export async function advanceFairClockFor(worker: Worker, job: Job<{ fairTag?: number }>): Promise<void> {
  if (job.data.fairTag) await advanceFairClock(await worker.backend.client, worker.opts.prefix!, worker.name, job.data.fairTag);
}
