import type { AppInfo } from '../../../src-shared/contract';

type SecretBackend = AppInfo['secretBackend'];

/**
 * Where pasted keys, passwords and webhook secrets go in the running mode, said the same way by the
 * add dialog and Settings, so neither promises what the other denies: the desktop app seals them
 * with the OS keychain, `serve`/CLI with FLUXDECK_MASTER_PASSPHRASE, otherwise memory only.
 */
export function secretStorageSentence(backend: SecretBackend | null | undefined): string {
  if (!backend) return 'Secrets stay in FluxDeck’s main process, never in this window.';
  if (backend.persistent && backend.backend.startsWith('safeStorage')) {
    return 'Secrets are encrypted by your OS keychain and kept in FluxDeck’s database; they never reach this window.';
  }
  if (backend.persistent && backend.backend === 'passphrase') {
    return 'Secrets are encrypted with your master passphrase (FLUXDECK_MASTER_PASSPHRASE) and kept in FluxDeck’s database; they never reach this window.';
  }
  if (backend.backend.startsWith('safeStorage')) {
    return 'No OS keychain is available, so FluxDeck refuses to store pasted secrets: use a key file path or ssh-agent.';
  }
  if (backend.persistent) return `Secrets are kept with ${backend.backend}, which does not fully protect them; they never reach this window.`;
  return 'Secrets you paste here (keys, passphrases, passwords) are kept in memory only and forgotten when FluxDeck stops; a key file path is remembered.';
}
