import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * OpenSSH client config, resolved the way `ssh -G` resolves it (ssh_config(5), readconf.c):
 * lines are read top to bottom, `Host` lines switch the following directives on or off for the
 * host being resolved, and the FIRST value obtained for a keyword wins (IdentityFile accumulates).
 * `Include` reads the glob's files in place (relative paths from ~/.ssh) and restores the on/off
 * state afterwards; an Include inside a block that is off reads its files with no Host line able to
 * match (readconf.c's SSHCONF_NEVERMATCH), as `ssh -G` shows. `Match` blocks need runtime facts (exec, user, address):
 * they are never guessed, only reported, and their directives apply to no host.
 *
 * We do not use the registry's `ssh-config` package: it has no Include and computes a host by its
 * own rules, and matching `ssh -G` exactly is the point of this import.
 */

export interface SshConfigLine {
  keyword: string;
  args: string[];
  file: string;
  line: number;
}

export interface ResolvedSshHost {
  alias: string;
  hostName: string;
  port: number;
  user: string;
  identityFiles: string[];
}

export interface SshConfigScan {
  /** Every concrete (no wildcard, no negation) name a Host line gives, in file order. */
  aliases: string[];
  /** `Match` lines, reported as not applied. */
  matchBlocks: { file: string; line: number; text: string }[];
  /** Include globs that matched no file, files that could not be read. */
  problems: string[];
  resolve(alias: string): ResolvedSshHost;
}

export interface SshConfigOptions {
  /** Where relative Include paths and `~` point (default ~/.ssh and the home dir). */
  homeDir?: string;
  /** The local user `ssh -G` falls back to when no User is set. */
  localUser?: string;
  /** The top file's text when it did not come from disk (the import dialog); `file` then only labels it. */
  text?: string;
}

const MAX_INCLUDE_DEPTH = 16; // readconf.c READCONF_MAX_DEPTH

/** Splits one config line into keyword and arguments (`=` separator, double quotes). */
export function tokenizeLine(raw: string): { keyword: string; args: string[] } | null {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return null;
  const head = /^([^\s=]+)\s*(?:=\s*|\s+|$)/.exec(text);
  if (!head?.[1]) return null;
  const rest = text.slice(head[0].length);
  const args: string[] = [];
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && /\s/.test(rest[i]!)) i++;
    if (i >= rest.length || rest[i] === '#') break;
    if (rest[i] === '"') {
      const end = rest.indexOf('"', i + 1);
      const stop = end === -1 ? rest.length : end;
      args.push(rest.slice(i + 1, stop));
      i = stop + 1;
    } else {
      let j = i;
      while (j < rest.length && !/\s/.test(rest[j]!)) j++;
      args.push(rest.slice(i, j));
      i = j;
    }
  }
  return { keyword: head[1].toLowerCase(), args };
}

/** OpenSSH's match_pattern: `*` any run, `?` one character, case-insensitive for host names. */
export function matchPattern(name: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** A Host line applies when some pattern matches and no negated pattern does (match_pattern_list). */
export function hostLineMatches(alias: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchPattern(alias, pattern.slice(1))) return false;
    } else if (matchPattern(alias, pattern)) matched = true;
  }
  return matched;
}

type Item = { kind: 'line'; line: SshConfigLine } | { kind: 'include-start' } | { kind: 'include-end' };

/** Reads a config file and its Includes into one flat list (the order readconf.c sees the lines). */
export function scanSshConfig(file: string, options: SshConfigOptions = {}): SshConfigScan {
  const home = options.homeDir ?? os.homedir();
  const sshDir = path.join(home, '.ssh');
  const items: Item[] = [];
  const problems: string[] = [];
  const expandHome = (p: string) => (p.startsWith('~/') ? path.join(home, p.slice(2)) : p === '~' ? home : p);

  const read = (filePath: string, depth: number): void => {
    let text: string;
    try {
      text = depth === 0 && options.text !== undefined ? options.text : readFileSync(filePath, 'utf8');
    } catch (error) {
      problems.push(`cannot read ${filePath}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    text.split(/\r?\n/).forEach((raw, index) => {
      const token = tokenizeLine(raw);
      if (!token) return;
      const line = { ...token, file: filePath, line: index + 1 };
      if (token.keyword !== 'include') {
        items.push({ kind: 'line', line });
        return;
      }
      if (depth >= MAX_INCLUDE_DEPTH) {
        problems.push(`${filePath}:${index + 1}: Include nested too deeply`);
        return;
      }
      for (const arg of token.args) {
        const pattern = path.isAbsolute(expandHome(arg)) ? expandHome(arg) : path.join(sshDir, arg);
        const files = globFiles(pattern);
        if (files.length === 0) problems.push(`${filePath}:${index + 1}: Include ${arg} matched no file`);
        for (const included of files) {
          items.push({ kind: 'include-start' });
          read(included, depth + 1);
          items.push({ kind: 'include-end' });
        }
      }
    });
  };
  read(file, 0);

  const aliases: string[] = [];
  const matchBlocks: SshConfigScan['matchBlocks'] = [];
  for (const item of items) {
    if (item.kind !== 'line') continue;
    if (item.line.keyword === 'host') {
      for (const p of item.line.args) if (!/[*?!]/.test(p) && !aliases.some((a) => a.toLowerCase() === p.toLowerCase())) aliases.push(p);
    } else if (item.line.keyword === 'match') {
      matchBlocks.push({ file: item.line.file, line: item.line.line, text: `Match ${item.line.args.join(' ')}` });
    }
  }

  const localUser = options.localUser ?? os.userInfo().username;
  return {
    aliases,
    matchBlocks,
    problems,
    resolve(alias) {
      const values = new Map<string, string>();
      const identityFiles: string[] = [];
      let active = true; // directives before the first Host line apply to every host
      let neverMatch = false;
      const saved: { active: boolean; neverMatch: boolean }[] = [];
      for (const item of items) {
        if (item.kind === 'include-start') {
          saved.push({ active, neverMatch });
          neverMatch ||= !active;
        } else if (item.kind === 'include-end') ({ active, neverMatch } = saved.pop() ?? { active, neverMatch });
        else if (item.line.keyword === 'host') active = !neverMatch && hostLineMatches(alias, item.line.args);
        else if (item.line.keyword === 'match') active = false;
        else if (active && item.line.args[0] !== undefined) {
          const { keyword, args } = item.line;
          if (keyword === 'identityfile') identityFiles.push(args[0]!);
          else if (!values.has(keyword)) values.set(keyword, args[0]!);
        }
      }
      const rawHost = values.get('hostname') ?? alias;
      const hostName = percentExpand(rawHost, { h: alias });
      const port = Number(values.get('port') ?? 22);
      const user = values.get('user') ?? localUser;
      const tokens = { h: hostName, p: String(port), r: user, u: localUser, d: home, n: alias };
      return {
        alias,
        hostName,
        port,
        user,
        identityFiles: identityFiles.map((f) => expandHome(percentExpand(f, tokens))),
      };
    },
  };
}

/** `%h`-style tokens (ssh_config TOKENS); unknown tokens are left as written. */
function percentExpand(text: string, tokens: Record<string, string>): string {
  return text.replace(/%(.)/g, (whole, key: string) => (key === '%' ? '%' : (tokens[key] ?? whole)));
}

/** glob(3) for the file-name part only (`conf.d/*.conf`), sorted as glob returns them. */
function globFiles(pattern: string): string[] {
  if (!/[*?]/.test(pattern)) {
    try {
      return statSync(pattern).isFile() ? [pattern] : [];
    } catch {
      return [];
    }
  }
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  try {
    return readdirSync(dir)
      .filter((entry) => !entry.startsWith('.') && matchPatternCase(entry, base))
      .sort()
      .map((entry) => path.join(dir, entry))
      .filter((file) => statSync(file).isFile());
  } catch {
    return [];
  }
}

function matchPatternCase(name: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}
