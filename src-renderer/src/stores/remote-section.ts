import { ref, shallowRef } from 'vue';
import type { AppErrorShape, Result } from '../../../src-shared/result';

/** One piece of remote data with its own loading and error state, so sections fail independently. */
export function section<T>() {
  return { data: shallowRef<T | null>(null), loading: ref(false), error: ref<AppErrorShape | null>(null) };
}

export type Section<T> = ReturnType<typeof section<T>>;

/** Runs one call into a section: loading while it runs, then the value or the error. */
export async function fill<T>(s: Section<T>, call: () => Promise<Result<T>>): Promise<void> {
  s.loading.value = true;
  const result = await call();
  s.loading.value = false;
  if (result.ok) {
    s.data.value = result.value;
    s.error.value = null;
  } else s.error.value = result.error;
}
