import { describe, it, expect } from 'vitest';
import { sanitizeOutput, stripTerminalControls, capUtf8, redactedSample, decodeLenient } from './sanitize';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

describe('stripTerminalControls', () => {
  it('removes SGR colours and cursor movement but keeps the text', () => {
    expect(stripTerminalControls(`${ESC}[1;31mERROR${ESC}[0m disk ${ESC}[2K${ESC}[1Afull`)).toBe('ERROR disk full');
  });

  it('removes an OSC 52 clipboard write terminated by BEL and by ST', () => {
    const bel = `ok${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}done`;
    const st = `ok${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${ST}done`;
    expect(stripTerminalControls(bel)).toBe('okdone');
    expect(stripTerminalControls(st)).toBe('okdone');
  });

  it('removes OSC 8 hyperlinks so the hidden target never shows up, keeping the visible label', () => {
    const link = `${ESC}]8;;https://evil.example/x${ST}click me${ESC}]8;;${ST}`;
    expect(stripTerminalControls(link)).toBe('click me');
  });

  it('removes a window-title OSC even when its payload contains C1 or CAN bytes', () => {
    const hostile = `a${ESC}]0;pwned\u0018\u0085title${BEL}b`;
    const out = stripTerminalControls(hostile);
    expect(out).toBe('ab');
  });

  it('removes 8-bit C1 CSI/OSC forms and stray C1 controls', () => {
    expect(stripTerminalControls('x\u009b31my\u009d0;t\u009cz\u0085')).toBe('xyz');
  });

  it('removes DCS / APC / PM strings and two-byte escapes like reset', () => {
    expect(stripTerminalControls(`a${ESC}Pq#0;2;0;0;0${ST}b${ESC}_apc${ST}c${ESC}^pm${ST}d${ESC}ce`)).toBe('abcde');
  });

  it('drops NUL, BEL, backspace, DEL and other C0 controls but keeps tabs and newlines', () => {
    expect(stripTerminalControls('a\u0000b\u0007c\bd\u007fe\tf\ng')).toBe('abcde\tf\ng');
  });

  it('normalises CRLF and lone CR (progress bars) to LF', () => {
    expect(stripTerminalControls('one\r\ntwo\rthree\n')).toBe('one\ntwo\nthree\n');
  });

  it('drops bidi override characters that would reorder what the user sees', () => {
    expect(stripTerminalControls('file\u202etxt.exe')).toBe('filetxt.exe');
  });

  it('leaves no ESC behind for an unterminated OSC', () => {
    const out = stripTerminalControls(`start${ESC}]52;c;AAAA`);
    expect(out).not.toContain(ESC);
    expect(out.startsWith('start')).toBe(true);
  });

  it('keeps ordinary unicode text intact', () => {
    expect(stripTerminalControls('Zürich — 東京 ✓')).toBe('Zürich — 東京 ✓');
  });
});

describe('sanitizeOutput', () => {
  it('decodes invalid UTF-8 bytes to replacement characters instead of throwing', () => {
    const bytes = new Uint8Array([0x6f, 0x6b, 0xff, 0xfe, 0x0a, 0xc3]);
    expect(sanitizeOutput(bytes)).toBe('ok\ufffd\ufffd\n\ufffd');
  });

  it('caps long output with a visible truncation marker counting the dropped bytes', () => {
    const out = sanitizeOutput('x'.repeat(1000), { maxBytes: 100 });
    expect(out).toBe(`${'x'.repeat(100)}…[truncated 900 bytes]`);
  });

  it('never cuts a multi-byte character in half', () => {
    const out = capUtf8('ééé', 3);
    expect(out).toBe('é…[truncated 4 bytes]');
  });

  it('adds bytes an upstream reader already dropped to the marker', () => {
    expect(sanitizeOutput('abc', { droppedBytes: 50 })).toBe('abc…[truncated 50 bytes]');
  });

  it('handles a hostile mix in one pass', () => {
    const hostile = `${ESC}]2;title${BEL}\u0000root@node:~# ${ESC}[31mrm${ESC}[0m\r\n${ESC}]52;c;ZXZpbA==${ST}ok\r`;
    expect(sanitizeOutput(hostile)).toBe('root@node:~# rm\nok\n');
  });

  it('decodeLenient returns text for empty input', () => {
    expect(decodeLenient(new Uint8Array())).toBe('');
  });
});

describe('redactedSample', () => {
  it('collapses an HTML page into one short line', () => {
    const html = '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>' + 'x'.repeat(500) + '</body></html>';
    const sample = redactedSample(html, 60);
    expect(sample.length).toBeLessThanOrEqual(61);
    expect(sample).not.toContain('\n');
    expect(sample.startsWith('<html> <head><title>502 Bad Gateway')).toBe(true);
  });

  it('masks credential-looking values and private keys', () => {
    const text = '{"zelidauth":"abc123","password": "hunter2", token=xyz}\n-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const sample = redactedSample(text, 500);
    expect(sample).not.toContain('abc123');
    expect(sample).not.toContain('hunter2');
    expect(sample).not.toContain('xyz');
    expect(sample).not.toContain('AAAA');
    expect(sample).toContain('[redacted]');
  });
});
