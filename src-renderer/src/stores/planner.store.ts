import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { PlannerInputs, PlannerState, PlanResult, RewardTier } from '../../../src-shared/contract';
import type { AppErrorShape } from '../../../src-shared/result';
import { useClient } from '../bridge';

export type TierKey = RewardTier;
export const PLANNER_TIERS: readonly TierKey[] = ['CUMULUS', 'NIMBUS', 'STRATUS'];

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The Planner page: the form (remembered by main on every plan), the plan, and the defaults it marks.
 * Edits recompute after a short pause so typing a number does not flood main.
 */
export const usePlannerStore = defineStore('planner', () => {
  const state = shallowRef<PlannerState | null>(null);
  const form = ref<PlannerInputs | null>(null);
  const result = shallowRef<PlanResult | null>(null);
  const loading = ref(false);
  const planning = ref(false);
  const error = ref<AppErrorShape | null>(null);
  const planError = ref<AppErrorShape | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;

  async function load(): Promise<void> {
    loading.value = true;
    const answer = await useClient().call('planner:state', {});
    loading.value = false;
    if (!answer.ok) {
      error.value = answer.error;
      return;
    }
    error.value = null;
    state.value = answer.value;
    form.value = clone(answer.value.inputs);
    await plan();
  }

  /** Computes now; a slower earlier answer never overwrites a newer one. */
  async function plan(): Promise<void> {
    if (!form.value) return;
    const mine = ++sequence;
    planning.value = true;
    const answer = await useClient().call('planner:plan', { inputs: clone(form.value) });
    if (mine !== sequence) return;
    planning.value = false;
    if (answer.ok) {
      result.value = answer.value;
      planError.value = null;
    } else planError.value = answer.error;
  }

  function schedule(delayMs = 350): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void plan();
    }, delayMs);
  }

  /** Applies a change to the form and recomputes shortly. */
  function edit(change: (draft: PlannerInputs) => void): void {
    if (!form.value) return;
    change(form.value);
    schedule();
  }

  /** Fills the amount and tiers from the user's nodes. */
  function useMyFleet(): void {
    const fleet = state.value?.fleet;
    if (!fleet || fleet.nodes === 0) return;
    edit((f) => {
      f.amountFlux = fleet.amountFlux;
      if (fleet.tiers.length) f.tiers = [...fleet.tiers];
    });
  }

  async function reset(): Promise<void> {
    const answer = await useClient().call('planner:reset', {});
    if (!answer.ok) {
      planError.value = answer.error;
      return;
    }
    state.value = answer.value;
    form.value = clone(answer.value.inputs);
    await plan();
  }

  /** Whether a form field still holds its default (null fields resolve to live values or dated defaults). */
  function isDefault(read: (inputs: PlannerInputs) => unknown): boolean {
    if (!form.value || !state.value) return false;
    return same(read(form.value), read(state.value.defaults));
  }

  function stop(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  return { state, form, result, loading, planning, error, planError, load, plan, schedule, edit, useMyFleet, reset, isDefault, stop };
});
