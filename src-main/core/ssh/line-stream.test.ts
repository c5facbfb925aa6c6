import { describe, expect, it } from 'vitest';
import { LineStream } from './line-stream';

describe('line stream', () => {
  it('hands on whole lines only, cleaned of escape sequences even when a chunk cuts one', () => {
    const out: string[][] = [];
    const stream = new LineStream((lines) => out.push(lines));
    stream.write(Buffer.from('a\r\nb\u001b]52;c;ZXZp'));
    stream.write(Buffer.from('bA==\u0007c\n\u001b[2Jprogress 10%\rprogress 20%'));
    stream.end();
    expect(out).toEqual([['a'], ['bc'], ['progress 10% progress 20%']]);
    expect(out.flat().join('')).not.toMatch(/[\u001b\u0007\r]/);
  });
});
