/**
 * A tiny, safe stand-in for `sh -c`: splits a script into simple commands joined by `;`, newlines,
 * `&&` and `||`, with quotes, backslash escapes, comments and the redirections monitoring scripts
 * use (`2>/dev/null`, `>/dev/null`, `2>&1`). Nothing is ever executed for real: each simple command
 * goes to a lookup of known commands.
 */

export interface SimpleCommand {
  argv: string[];
  /** The command as written (trimmed), for per-command output overrides. */
  text: string;
  dropStdout: boolean;
  dropStderr: boolean;
  stderrToStdout: boolean;
}

export type Joiner = ';' | '&&' | '||';

export interface ScriptStep {
  /** How this step depends on the previous one's exit code (first step: ';'). */
  joiner: Joiner;
  command: SimpleCommand;
}

export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError';
}

const MAX_SCRIPT = 64 * 1024;
const MAX_STEPS = 500;

interface Word {
  value: string;
  /** True when any part of it was quoted or escaped (so `2>&1` in quotes stays a word). */
  quoted: boolean;
}

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: Joiner | '|' | '&' };

function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '\n' || c === ';') {
      tokens.push({ kind: 'op', op: ';' });
      i++;
    } else if (c === '#') {
      while (i < n && script[i] !== '\n') i++;
    } else if (c === '&' || c === '|') {
      const double = script[i + 1] === c;
      tokens.push({ kind: 'op', op: double ? (c === '&' ? '&&' : '||') : c });
      i += double ? 2 : 1;
    } else {
      const start = i;
      let value = '';
      let quoted = false;
      while (i < n) {
        const ch = script[i]!;
        if (ch === "'") {
          const end = script.indexOf("'", i + 1);
          if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
          value += script.slice(i + 1, end);
          quoted = true;
          i = end + 1;
        } else if (ch === '"') {
          i++;
          quoted = true;
          while (i < n && script[i] !== '"') {
            if (script[i] === '\\' && i + 1 < n && '"\\$`'.includes(script[i + 1]!)) i++;
            value += script[i];
            i++;
          }
          if (i >= n) throw new ShellSyntaxError('unterminated quoted string');
          i++;
        } else if (ch === '\\') {
          if (i + 1 < n && script[i + 1] !== '\n') value += script[i + 1];
          quoted = true;
          i += 2;
        } else if (' \t\r\n;&|'.includes(ch)) {
          // `2>&1` is one word even though it holds an `&`.
          if (ch === '&' && /^\d?>$/.test(value) && !quoted) {
            value += ch;
            i++;
            continue;
          }
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'word', word: { value, quoted }, raw: script.slice(start, i) });
    }
  }
  return tokens;
}

function newCommand(): SimpleCommand {
  return { argv: [], text: '', dropStdout: false, dropStderr: false, stderrToStdout: false };
}

/** Applies a redirection word to `cmd`; returns how many extra words it consumed, or -1 if none. */
function redirection(cmd: SimpleCommand, word: Word, next: Word | undefined): number {
  if (word.quoted) return -1;
  const m = /^(\d?)>(>?)(.*)$/.exec(word.value);
  if (!m) return -1;
  const fd = m[1] === '' ? '1' : m[1];
  let target = m[3]!;
  let used = 0;
  if (target === '') {
    if (!next) throw new ShellSyntaxError('redirection without a target');
    target = next.value;
    used = 1;
  }
  if (fd === '2' && target === '&1') cmd.stderrToStdout = true;
  else if (target === '/dev/null' && fd === '1') cmd.dropStdout = true;
  else if (target === '/dev/null' && fd === '2') cmd.dropStderr = true;
  else throw new ShellSyntaxError(`redirection to ${target} is not supported`);
  return used;
}

/** Parses a script into steps; throws ShellSyntaxError for what the simulator will not model. */
export function parseScript(script: string): ScriptStep[] {
  if (script.length > MAX_SCRIPT) throw new ShellSyntaxError('script too long');
  const tokens = tokenize(script);
  const steps: ScriptStep[] = [];
  let joiner: Joiner = ';';
  let cmd = newCommand();
  const raw: string[] = [];
  const finish = (): void => {
    if (cmd.argv.length > 0) {
      cmd.text = raw.join(' ');
      steps.push({ joiner, command: cmd });
      if (steps.length > MAX_STEPS) throw new ShellSyntaxError('too many commands');
    } else if (raw.length > 0) {
      throw new ShellSyntaxError('redirection without a command');
    }
    cmd = newCommand();
    raw.length = 0;
  };
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === 'op') {
      if (token.op === '|') throw new ShellSyntaxError('pipes are not supported by the simulator');
      if (token.op === '&') throw new ShellSyntaxError('background jobs are not supported by the simulator');
      if (cmd.argv.length === 0 && token.op !== ';') throw new ShellSyntaxError(`syntax error near unexpected token \`${token.op}'`);
      finish();
      if (token.op !== ';') joiner = token.op;
      else joiner = ';';
      continue;
    }
    const next = tokens[t + 1];
    const used = redirection(cmd, token.word, next?.kind === 'word' ? next.word : undefined);
    raw.push(token.raw);
    if (used >= 0) {
      if (used === 1 && next?.kind === 'word') raw.push(next.raw);
      t += used;
      continue;
    }
    cmd.argv.push(token.word.value);
  }
  if (cmd.argv.length === 0 && joiner !== ';' && raw.length === 0 && steps.length > 0 && tokens.at(-1)?.kind === 'op') {
    throw new ShellSyntaxError('syntax error: unexpected end of file');
  }
  finish();
  return steps;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

export const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', code: 0 });
export const fail = (stderr: string, code = 1): CommandResult => ({ stdout: '', stderr, code });

/** Runs parsed steps with `run` for each simple command, applying joiners and redirections. */
export function runSteps(steps: readonly ScriptStep[], run: (cmd: SimpleCommand) => CommandResult): CommandResult {
  let stdout = '';
  let stderr = '';
  let code = 0;
  for (const { joiner, command } of steps) {
    if (joiner === '&&' && code !== 0) continue;
    if (joiner === '||' && code === 0) continue;
    const result = run(command);
    code = result.code;
    let out = result.stdout;
    let err = result.stderr;
    if (command.stderrToStdout) {
      out += err;
      err = '';
    }
    if (command.dropStdout) out = '';
    if (command.dropStderr) err = '';
    stdout += out;
    stderr += err;
  }
  return { stdout, stderr, code };
}
