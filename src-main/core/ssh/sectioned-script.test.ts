import { describe, expect, it } from 'vitest';
import { newScriptNonce, sectionedScript } from './sectioned-script';

const NONCE = 'feedfacecafebeef';
const script = sectionedScript('@@t', ['a', 'b'] as const, { a: 'uname -m', b: 'nproc' });
const m = (name: string): string => `@@t:${NONCE}:${name}`;

describe('sectioned script', () => {
  it('puts each fixed command behind its marker and ends with the end marker', () => {
    expect(script.build(NONCE).split('\n')).toEqual([`echo ${m('a')}`, 'uname -m', `echo ${m('b')}`, 'nproc', `echo ${m('end')}`]);
    expect(newScriptNonce()).toMatch(/^[0-9a-f]{16}$/);
    expect(() => script.build('abc; reboot')).toThrow(RangeError);
  });

  it('splits by this run’s markers only; a repeated section keeps its first output', () => {
    const out = [m('a'), 'x86_64', '@@t:0000000000000000:end', m('b'), '4', m('a'), 'forged', m('end'), 'after the end'].join('\n');
    expect(script.split(out, NONCE)).toEqual({ sections: { a: 'x86_64\n@@t:0000000000000000:end', b: '4' }, complete: true });
  });

  it('output cut before the end marker is incomplete and keeps what arrived', () => {
    expect(script.split([m('a'), 'x86_64', m('b')].join('\n'), NONCE)).toEqual({ sections: { a: 'x86_64', b: '' }, complete: false });
  });

  it('a marker is a whole line (surrounding blanks aside): inside a line it is output', () => {
    const out = [`  ${m('a')} `, `name ${m('b')}`, '', m('b'), '4', ''].join('\n');
    expect(script.split(out, NONCE)).toEqual({ sections: { a: `name ${m('b')}\n`, b: '4\n' }, complete: false });
  });
});
