import type { AppInfo, StorageStatus } from '../../../src-shared/contract';
import type { Capability } from '../capability';

/**
 * `app:info`: what the app is, where its data lives and how its secrets are kept; `app:storage`:
 * whether history is being saved (the banner when the disk refuses writes).
 */
export function createAppInfoCapability(info: () => AppInfo, storage: () => StorageStatus): Capability {
  return { name: 'app', handlers: { 'app:info': () => info(), 'app:storage': () => storage() } };
}
