import { computed, ref, type WritableComputedRef } from 'vue';

const KEY = 'fluxdeck.privacy';
const HOST_MASK = '•••.•••.•••.•••';
const ID_MASK = '••••••••';

function read(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

// One switch for the whole window: the fleet and node views must agree, or a screenshot leaks.
const enabled = ref(read());

/** Privacy mode hides hosts, IPs and collateral identifiers so the screen can be shared; it survives reloads. */
export function usePrivacy(): WritableComputedRef<boolean> {
  return computed({
    get: () => enabled.value,
    set: (value: boolean) => {
      enabled.value = value;
      try {
        localStorage.setItem(KEY, value ? '1' : '0');
      } catch {
        // Storage can be unavailable (quota, policy); the toggle still works for this session.
      }
    },
  });
}

/** What to show in place of a host, IP, address or txid while privacy mode is on. */
export function masked(value: string | null | undefined, privacy: boolean, kind: 'host' | 'id' = 'host'): string {
  if (value == null || value === '') return '—';
  if (!privacy) return value;
  return kind === 'host' ? HOST_MASK : ID_MASK;
}
