import type { HistoryRepo } from '../history/history.repo';
import type { HostKeyEvent } from '../ssh/host-keys';
import type { NodesRepo } from './nodes.repo';

/**
 * Host-key pins and changes become events of every node at that SSH endpoint, so the node's page
 * says when its key was pinned and why a connection was refused.
 */
export function recordHostKeyEvents(nodes: Pick<NodesRepo, 'idsAtSshEndpoint'>, history: Pick<HistoryRepo, 'recordEvent'>) {
  return (event: HostKeyEvent): void => {
    const severity = event.kind === 'mismatch' ? 'critical' : 'info';
    const message =
      event.kind === 'mismatch'
        ? `Host key changed: ${event.keyType} ${event.fingerprint} (pinned ${event.previousFingerprint ?? 'unknown'}); connection refused`
        : event.kind === 'replaced'
          ? `Host key replaced: now ${event.keyType} ${event.fingerprint} (was ${event.previousFingerprint ?? 'unknown'})`
          : `Host key trusted: ${event.keyType} ${event.fingerprint}`;
    // An index lookup, not a scan: importing thousands of pinned keys must stay linear.
    for (const id of nodes.idsAtSshEndpoint(event.host, event.port)) history.recordEvent(id, { kind: `hostkey-${event.kind}`, severity, message });
  };
}
