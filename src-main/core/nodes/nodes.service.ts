import { randomUUID } from 'node:crypto';
import { AddNodeInput, type NodeRecord } from '../../../src-shared/contract';
import type { z } from 'zod';
import { AppError } from '../errors';
import { keyFileProblem } from '../ssh/key-file';
import type { EventHub } from '../contract-server/event-hub';
import type { SecretStore } from '../secrets/secret-store';
import type { NewNode, NodesRepo } from './nodes.repo';


type ParsedAddNode = z.output<typeof AddNodeInput>;

/** Registering and removing nodes: uniqueness, credentials into the SecretStore, fleet events. */
export class NodesService {
  constructor(
    private readonly repo: NodesRepo,
    private readonly secrets: SecretStore,
    private readonly events: EventHub,
  ) {}

  list(): NodeRecord[] {
    return this.repo.list();
  }

  async add(input: ParsedAddNode): Promise<NodeRecord> {
    this.assertUnique(input.name, input.host, input.apiPort);
    const node = await this.toNewNode(input);
    try {
      const record = this.repo.insert(node);
      this.events.publish('fleet:onChanged', { reason: 'added', nodeIds: [record.id] });
      return record;
    } catch (error) {
      await this.forgetSecrets(node);
      throw error;
    }
  }

  async remove(id: number): Promise<NodeRecord> {
    const record = this.repo.get(id);
    const refs = this.repo.credentialRefs(id);
    if (!record || !refs) throw new AppError('NOT_FOUND', `No node with id ${id}`);
    this.repo.remove(id);
    await this.forgetSecrets(refs);
    this.events.publish('fleet:onChanged', { reason: 'removed', nodeIds: [id] });
    return record;
  }

  /** Resolves a CLI-style reference: a numeric id or a name. */
  resolve(nameOrId: string): NodeRecord {
    const byName = this.repo.findByName(nameOrId);
    const byId = /^\d+$/.test(nameOrId) ? this.repo.get(Number(nameOrId)) : undefined;
    const record = byName ?? byId;
    if (!record) throw new AppError('NOT_FOUND', `No node named "${nameOrId}"`);
    return record;
  }

  private assertUnique(name: string, host: string, apiPort: number): void {
    if (this.repo.findByName(name)) throw new AppError('CONFLICT', `A node named "${name}" already exists`);
    const twin = this.repo.list().find((node) => node.host === host && node.apiPort === apiPort);
    if (twin) throw new AppError('CONFLICT', `${host}:${apiPort} is already registered as "${twin.name}"`);
  }

  private async toNewNode(input: ParsedAddNode): Promise<NewNode> {
    const base = { name: input.name, host: input.host, sshPort: input.sshPort, apiPort: input.apiPort, tags: input.tags };
    const credentials = input.credentials;
    const username = credentials.kind === 'none' ? input.username : (input.username ?? 'root');
    const none = { keyPath: null, secretRef: null, passphraseRef: null };
    switch (credentials.kind) {
      case 'none':
        return { ...base, ...none, username, authKind: 'none' };
      case 'agent':
        return { ...base, ...none, username, authKind: 'agent' };
      case 'key-file':
        assertReadable(credentials.path);
        return {
          ...base,
          ...none,
          username,
          authKind: 'key-file',
          keyPath: credentials.path,
          passphraseRef: await this.storeSecret(credentials.passphrase, 'passphrase'),
        };
      case 'key':
        return {
          ...base,
          ...none,
          username,
          authKind: 'key',
          secretRef: await this.storeSecret(credentials.privateKey, 'key'),
          passphraseRef: await this.storeSecret(credentials.passphrase, 'passphrase'),
        };
      case 'password':
        return { ...base, ...none, username, authKind: 'password', secretRef: await this.storeSecret(credentials.password, 'password') };
    }
  }

  private async storeSecret(value: string | undefined, kind: string): Promise<string | null> {
    if (value === undefined || value === '') return null;
    const ref = `node-${kind}:${randomUUID()}`;
    await this.secrets.set(ref, value);
    return ref;
  }

  private async forgetSecrets(refs: { secretRef: string | null; passphraseRef: string | null }): Promise<void> {
    for (const ref of [refs.secretRef, refs.passphraseRef]) if (ref) await this.secrets.delete(ref);
  }
}

/** Refused at once with the reason (a device, a directory, too large, someone else's), not at the first poll. */
function assertReadable(path: string): void {
  const problem = keyFileProblem(path);
  if (problem) throw new AppError('BAD_INPUT', problem);
}
