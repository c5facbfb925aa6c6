import { describe, expect, it } from 'vitest';
import { recordHostKeyEvents } from './host-key-events';

const FP_A = `SHA256:${'A'.repeat(43)}`;
const FP_B = `SHA256:${'B'.repeat(43)}`;

describe('host-key events', () => {
  it('say what happened in words (trusted, replaced, changed), on every node at that endpoint', () => {
    const recorded: { id: number; kind: string; message: string }[] = [];
    const record = recordHostKeyEvents(
      { idsAtSshEndpoint: () => [4, 9] },
      { recordEvent: (id, event) => void recorded.push({ id, kind: event.kind, message: event.message }) },
    );
    record({ host: '10.0.0.1', port: 22, kind: 'pinned', keyType: 'ssh-ed25519', fingerprint: FP_A });
    record({ host: '10.0.0.1', port: 22, kind: 'replaced', keyType: 'ssh-ed25519', fingerprint: FP_B, previousFingerprint: FP_A });
    expect(recorded.map((e) => e.id)).toEqual([4, 9, 4, 9]);
    expect(recorded[0]!.message).toBe(`Host key trusted: ssh-ed25519 ${FP_A}`);
    expect(recorded[2]!.message).toBe(`Host key replaced: now ssh-ed25519 ${FP_B} (was ${FP_A})`);
    expect(recorded.some((e) => /\bpinned\b/.test(e.message))).toBe(false);
  });
});
