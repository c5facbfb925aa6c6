import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../core/services';
import { MASTER_PASSPHRASE_ENV } from '../core/secrets/headless-secrets';
import { resolveAuth } from '../core/ssh/ssh-auth';
import { runCapture } from '../testkit/cli-io';
import { makeTempDir } from '../testkit/temp-dir';

/**
 * A wrong FLUXDECK_MASTER_PASSPHRASE is one clear refusal at start (CLI exit 1, `serve` does not
 * start), and no passphrase at all reports stored secrets as locked, not as "not stored".
 * createServices reads the process environment, as the CLI and `serve` do.
 */

const RIGHT = 'correct horse battery staple';
const saved = process.env[MASTER_PASSPHRASE_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[MASTER_PASSPHRASE_ENV];
  else process.env[MASTER_PASSPHRASE_ENV] = saved;
});

async function dataDirWithSecret(): Promise<{ dir: string; cleanup: () => void; ref: string }> {
  const temp = makeTempDir('fluxdeck-passphrase-');
  process.env[MASTER_PASSPHRASE_ENV] = RIGHT;
  const services = createServices({ dataDir: temp.dir, mode: 'serve' });
  const node = await services.nodes.add({ name: 'pw-node', host: '198.51.100.20', sshPort: 22, apiPort: 16127, username: 'root', credentials: { kind: 'password', password: 'hunter2hunter2' }, tags: [] });
  const ref = services.nodesRepo.credentialRefs(node.id)?.secretRef;
  await services.close();
  if (!ref) throw new Error('no secret ref stored');
  return { ...temp, ref };
}

describe('the master passphrase', () => {
  it('a wrong one stops the CLI with exit 1 and the reason', async () => {
    const temp = await dataDirWithSecret();
    try {
      process.env[MASTER_PASSPHRASE_ENV] = 'not the right one';
      const run = await runCapture(['nodes', 'list', '--data-dir', temp.dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`fluxdeck: ${MASTER_PASSPHRASE_ENV} is not the passphrase the stored secrets were sealed with; refusing to start so they are not split between two keys. Set the right passphrase (or unset it to run without stored secrets).\n`);
      process.env[MASTER_PASSPHRASE_ENV] = RIGHT;
      expect((await runCapture(['nodes', 'list', '--data-dir', temp.dir])).code).toBe(0);
    } finally {
      temp.cleanup();
    }
  });

  it('a wrong one keeps `serve` from starting, with the reason', async () => {
    const temp = await dataDirWithSecret();
    try {
      process.env[MASTER_PASSPHRASE_ENV] = 'not the right one';
      const run = await runCapture(['serve', '--data-dir', temp.dir, '--no-open', '--port', '0']);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toContain('FluxDeck is serving');
      expect(run.stderr).toContain('is not the passphrase the stored secrets were sealed with');
    } finally {
      temp.cleanup();
    }
  });

  it('without one, a node whose password is stored fails as locked, saying what unlocks it', async () => {
    const temp = await dataDirWithSecret();
    try {
      delete process.env[MASTER_PASSPHRASE_ENV];
      const services = createServices({ dataDir: temp.dir, mode: 'serve' });
      try {
        await expect(resolveAuth({ kind: 'password', secretRef: temp.ref }, services.secrets, 'pw-node')).rejects.toMatchObject({
          code: 'AUTH_FAILED',
          message: `The password: Stored secret "${temp.ref}" is locked: set ${MASTER_PASSPHRASE_ENV} to unlock it`,
        });
        expect(services.appInfo().secretBackend.warning).toMatch(/1 stored secret is locked/);
      } finally {
        await services.close();
      }
    } finally {
      temp.cleanup();
    }
  });
});
