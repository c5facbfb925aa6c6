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

// IPv4 (optionally with a port), IPv6, Flux transparent addresses, 64-hex txids (optionally `:index`).
const SENSITIVE = [
  /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g,
  /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi,
  /\bt[13][1-9A-HJ-NP-Za-km-z]{33}\b/g,
  /\b[0-9a-f]{64}(?::\d{1,5})?\b/gi,
];

/** Free text (alert titles and texts, event messages) with every IP, address and txid masked while privacy is on. */
export function maskText(text: string, privacy: boolean): string {
  if (!privacy) return text;
  return SENSITIVE.reduce((out, pattern, index) => out.replace(pattern, index < 2 ? HOST_MASK : ID_MASK), text);
}
