/** Public surface of the SSH transport: pool, host-key pinning and their types. */
export { SshPool, type SshPoolOptions, type SshPoolStats, type SshLease } from './ssh-pool';
export { SshError, isSshError, type SshErrorCode, type SshErrorDetails } from './ssh-error';
export { targetKey, type SshTarget, type SshAuth, type KeepaliveConfig, type ExecOptions, type ExecResult } from './ssh-types';
export {
  HostKeys,
  type HostKeyEvent,
  type HostKeysOptions,
  type HostKeyVerdict,
  type HostKeyImportReport,
  type InventoryHostKey,
  type UnknownHostKeyPolicy,
} from './host-keys';
export { HostKeysRepo, type HostKeyPin, type HostKeySource } from './host-keys.repo';
export { scanKnownHosts, type KnownHostsTarget, type KnownHostsMatch, type KnownHostsSkipReason } from './known-hosts';
export { sshFingerprint, isSshFingerprint, keyTypeOfBlob } from './host-key-format';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
