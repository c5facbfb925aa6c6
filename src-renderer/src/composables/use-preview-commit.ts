import { ref, type Ref } from 'vue';
import type { Result } from '../../../src-shared/result';

/**
 * The preview-then-commit flow of the import dialogs: a preview fills `plan`, a commit turns it into
 * `report`; either failure is shown as `error`, and `busy` covers the call in flight.
 */
export function usePreviewCommit<Plan, Report>() {
  const plan = ref(null) as Ref<Plan | null>;
  const report = ref(null) as Ref<Report | null>;
  const error = ref('');
  const busy = ref(false);

  function reset(): void {
    error.value = '';
    plan.value = null;
    report.value = null;
  }

  async function call<T>(request: () => Promise<Result<T>>): Promise<T | undefined> {
    error.value = '';
    busy.value = true;
    const result = await request();
    busy.value = false;
    if (result.ok) return result.value;
    error.value = result.error.message;
    return undefined;
  }

  async function preview(request: () => Promise<Result<Plan>>): Promise<void> {
    reset();
    const value = await call(request);
    if (value !== undefined) plan.value = value;
  }

  async function commit(request: () => Promise<Result<Report>>): Promise<void> {
    const value = await call(request);
    if (value === undefined) return;
    report.value = value;
    plan.value = null;
  }

  return { plan, report, error, busy, reset, preview, commit };
}
