import type { ConditionType, StoreCondition } from './store.types';

export interface ConditionInput {
  readonly type: ConditionType;
  readonly status: boolean;
  readonly reason: string;
  readonly message?: string;
}

/**
 * The new condition list: lastTransitionTime moves only when a status flips, so `kubectl wait`
 * and dashboards see when something really changed, not when it was last reconciled.
 */
export function mergeConditions(
  previous: readonly StoreCondition[] | undefined,
  inputs: readonly ConditionInput[],
  generation: number,
  now: Date = new Date(),
): StoreCondition[] {
  return inputs.map((input) => {
    const status = input.status ? 'True' : 'False';
    const old = previous?.find((c) => c.type === input.type);
    return {
      type: input.type,
      status,
      reason: input.reason,
      message: input.message ?? '',
      observedGeneration: generation,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  });
}

/** Conditions whose status differs from before (a new condition counts as changed). */
export function transitions(previous: readonly StoreCondition[] | undefined, next: readonly StoreCondition[]): StoreCondition[] {
  return next.filter((c) => previous?.find((p) => p.type === c.type)?.status !== c.status);
}

export function isConditionTrue(conditions: readonly StoreCondition[] | undefined, type: ConditionType): boolean {
  return conditions?.find((c) => c.type === type)?.status === 'True';
}
