import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addKnownHosts } from './known-hosts-source';
import { emptySource, type ImportSource } from './import-source';
import { scanSshConfig } from './ssh-config';

export interface SshConfigSourceOptions {
  /** Where the text came from (Include paths and messages); default ~/.ssh/config. */
  file?: string;
  homeDir?: string;
  localUser?: string;
  /** known_hosts text to take pins from; default the user's ~/.ssh/known_hosts when it exists. */
  knownHosts?: string | null;
}

/** One node per concrete Host name, resolved as `ssh -G` would; Match blocks are reported, not applied. */
export function sshConfigSource(text: string, options: SshConfigSourceOptions = {}): ImportSource {
  const home = options.homeDir ?? os.homedir();
  const file = options.file ?? path.join(home, '.ssh', 'config');
  const scan = scanSshConfig(file, { text, homeDir: home, localUser: options.localUser });
  const source = emptySource('ssh-config');
  for (const match of scan.matchBlocks) {
    source.notes.push(`${path.basename(match.file)}:${match.line}: "${match.text.slice(0, 120)}" skipped: Match blocks depend on facts known only when ssh connects`);
  }
  source.notes.push(...scan.problems);
  for (const alias of scan.aliases) {
    const host = scan.resolve(alias);
    source.candidates.push({
      label: alias,
      values: {
        name: alias,
        host: host.hostName,
        sshPort: host.port,
        username: host.user,
        // ssh tries the IdentityFiles in order; FluxDeck uses one key per node, the first.
        privateKeyPath: host.identityFiles[0] ?? null,
        tags: [],
      },
    });
  }
  const knownHostsFile = path.join(home, '.ssh', 'known_hosts');
  const knownHosts = options.knownHosts !== undefined ? options.knownHosts : existsSync(knownHostsFile) ? readFileSync(knownHostsFile, 'utf8') : null;
  if (knownHosts) {
    const targets = source.candidates.map((c) => ({ host: String(c.values.host), port: Number(c.values.sshPort) }));
    addKnownHosts(source, knownHosts, targets);
  }
  return source;
}
