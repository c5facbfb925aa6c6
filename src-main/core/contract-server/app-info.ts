import type { AppInfo } from '../../../src-shared/contract';
import type { Capability } from '../capability';

/** `app:info`: what the app is, where its data lives and how its secrets are kept. */
export function createAppInfoCapability(info: () => AppInfo): Capability {
  return { name: 'app', handlers: { 'app:info': () => info() } };
}
