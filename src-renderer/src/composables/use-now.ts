import { onScopeDispose, ref, type Ref } from 'vue';

/**
 * A clock that ticks every `intervalMs` while the calling component lives, so "5 min ago" labels
 * refresh without each row running its own timer.
 */
export function useNow(intervalMs = 30_000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
