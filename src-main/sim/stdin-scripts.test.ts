import { describe, expect, it } from 'vitest';
import { shellInput } from '../core/ssh/script-shell';
import { StdinScripts } from './stdin-scripts';

describe('the simulated shell reading its stdin', () => {
  it('runs a script sent as a brace group once the group is whole, however the bytes are split', () => {
    const script = "echo @@a\ndocker ps --format '{{json .}}' 2>&1\necho @@end";
    const input = shellInput(script) + shellInput('uptime');
    const whole = new StdinScripts().push(input);
    expect(whole).toEqual([script, 'uptime']);
    const stdin = new StdinScripts();
    const seen: string[] = [];
    for (const ch of input) seen.push(...stdin.push(ch));
    expect(seen).toEqual([script, 'uptime']);
  });

  it('runs plain lines one by one and waits for a line to end', () => {
    const stdin = new StdinScripts();
    expect(stdin.push('uptime\nhostn')).toEqual(['uptime']);
    expect(stdin.push('ame\n\n')).toEqual(['hostname']);
  });
});
