import { describe, expect, it } from 'vitest';
import { LastParseMemo } from './last-parse-memo';

describe('LastParseMemo', () => {
  const counting = () => {
    let calls = 0;
    const parse = (input: string) => () => {
      calls += 1;
      return { parsed: input };
    };
    return { parse, calls: () => calls };
  };

  it('parses again only when the input changed, per owner and key', () => {
    const memo = new LastParseMemo<number>();
    const { parse, calls } = counting();
    const first = memo.read(1, 'disk', 'a', parse('a'));
    expect(memo.read(1, 'disk', 'a', parse('a'))).toBe(first);
    expect(calls()).toBe(1);
    expect(memo.read(1, 'disk', 'b', parse('b'))).toEqual({ parsed: 'b' });
    memo.read(1, 'memory', 'b', parse('b'));
    memo.read(2, 'disk', 'b', parse('b'));
    expect(calls()).toBe(4);
  });

  it('does not remember a parse that threw: the same bad input fails again', () => {
    const memo = new LastParseMemo<string>();
    const bad = () => {
      throw new Error('bad');
    };
    expect(() => memo.read('n:16127', '/x', 'junk', bad)).toThrow('bad');
    expect(() => memo.read('n:16127', '/x', 'junk', bad)).toThrow('bad');
  });

  it('parses again after forget or clear', () => {
    const memo = new LastParseMemo<number>();
    const { parse, calls } = counting();
    memo.read(1, 'k', 'a', parse('a'));
    memo.read(2, 'k', 'a', parse('a'));
    memo.forget(1);
    memo.read(1, 'k', 'a', parse('a'));
    memo.read(2, 'k', 'a', parse('a'));
    expect(calls()).toBe(3);
    memo.clear();
    memo.read(2, 'k', 'a', parse('a'));
    expect(calls()).toBe(4);
  });
});
