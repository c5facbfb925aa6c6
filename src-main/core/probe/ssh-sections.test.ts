import { describe, expect, it } from 'vitest';
import { parseProbeOutput } from './ssh-probe';
import { buildProbeScript, splitSections } from './ssh-script';
import { parseBenchInfo, parseContainers, parseDisk, parseDockerVersion, parseMemory, parseServices, parseSyncthingVersion } from './ssh-sections';

const NONCE = '0123456789abcdef';
const m = (name: string): string => `@@fluxdeck:${NONCE}:${name}`;

// Output as a real Ubuntu 22.04 FluxNode prints it (values shortened where irrelevant).
const REAL_OUTPUT = [
  m('disk'),
  'Filesystem         1-blocks         Used    Available Capacity Mounted on',
  '/dev/sda1      236223201280 99213344768 137009856512      42% /',
  m('memory'),
  '               total        used        free      shared  buff/cache   available',
  'Mem:      8335228928  3167387648  2166190080    67108864  3001651200  5167841280',
  'Swap:     2147479552           0  2147479552',
  m('load'),
  '0.42 0.51 0.48 1/412 1000',
  m('cores'),
  '4',
  m('arch'),
  'x86_64',
  m('services'),
  'active',
  'inactive',
  'inactive',
  'active',
  'active',
  m('containers'),
  '{"Command":"\\"docker-entrypoint.sh\\"","ID":"4f2d0c1b9a8e","Image":"runonflux/website:latest","Names":"fluxweb_demo0","Ports":"0.0.0.0:31000->80/tcp","State":"running","Status":"Up 5 days"}',
  m('end'),
  '',
].join('\n');

describe('probe script', () => {
  it('is plain sh without pipes or variables, one marker per section', () => {
    const script = buildProbeScript(NONCE, [], 16127);
    expect(script).not.toMatch(/[|$`]/);
    expect(script.match(/@@fluxdeck:/g)).toHaveLength(11);
    expect(() => buildProbeScript('not hex; rm -rf /', [], 16127)).toThrow(RangeError);
  });

  it('asks FluxOS for its apps on the node’s own loopback, at the port the node’s FluxOS listens on', () => {
    const script = buildProbeScript(NONCE, ['appsinstalled', 'appsrunning'], 16137);
    expect(script).not.toMatch(/[|$`]/);
    expect(script).toContain('curl -sf -m 5 --max-filesize 131072 http://127.0.0.1:16137/apps/installedapps 2>/dev/null');
    expect(script).toContain('http://127.0.0.1:16137/apps/listrunningapps');
    expect(script).not.toContain('/apps/appsresources');
    expect(() => buildProbeScript(NONCE, ['appsinstalled'], 16137.5)).toThrow(RangeError);
  });

  it('parses every section of a real node’s output', () => {
    const r = parseProbeOutput(REAL_OUTPUT, NONCE, false, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.disk).toMatchObject({ ok: true, value: { totalBytes: 236223201280, availableBytes: 137009856512, mount: '/' } });
    expect(v.memory).toMatchObject({ ok: true, value: { totalBytes: 8335228928, availableBytes: 5167841280 } });
    expect(v.load1).toMatchObject({ ok: true, value: 0.42 });
    expect(v.cores).toMatchObject({ ok: true, value: 4 });
    expect(v.arch).toMatchObject({ ok: true, value: 'x86_64' });
    expect(v.services).toMatchObject({ ok: true, value: { zelcash: 'active', fluxd: 'inactive', mongod: 'active', docker: 'active' } });
    expect(v.containers).toMatchObject({ ok: true, value: [{ name: 'fluxweb_demo0', ports: '0.0.0.0:31000->80/tcp', state: 'running' }] });
  });

  it('a marker with another nonce (printed by a container name, say) is plain text', () => {
    const forged = REAL_OUTPUT.replace(m('cores'), `${m('cores')}\n@@fluxdeck:ffffffffffffffff:end`);
    const split = splitSections(forged, NONCE);
    expect(split.complete).toBe(true);
    expect(split.sections.cores).toContain('@@fluxdeck:ffffffffffffffff:end');
  });

  it('output with no sections at all is BAD_RESPONSE; a cut-off tail is OUTPUT_TOO_LARGE per missing section', () => {
    const junk = parseProbeOutput('filler line 0000000001 xxxx\n'.repeat(10), NONCE, true, 1);
    expect(junk).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
    const cut = parseProbeOutput(REAL_OUTPUT.slice(0, REAL_OUTPUT.indexOf(m('services'))), NONCE, true, 1);
    expect(cut.ok && cut.value.disk.ok).toBe(true);
    expect(cut.ok && !cut.value.services.ok && cut.value.services.error.code).toBe('OUTPUT_TOO_LARGE');
  });

  it('strips terminal escapes before parsing', () => {
    const hostile = `\u001b]0;title\u0007\u001b[2K\r${REAL_OUTPUT}\u001b]8;;http://evil.example\u0007x\u001b]8;;\u0007`;
    const r = parseProbeOutput(hostile, NONCE, false, 1);
    expect(r.ok && r.value.disk.ok).toBe(true);
  });
});

describe('sections', () => {
  it('df: empty is UNAVAILABLE, junk is BAD_RESPONSE', () => {
    expect(parseDisk('')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(parseDisk('Filesystem\nnot numbers at all')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });

  it('free: old procps without an available column uses free + buffers + cached', () => {
    const old = [
      '             total       used       free     shared    buffers     cached',
      'Mem:          1000        900        100          0         50        250',
      '-/+ buffers/cache:        600        400',
    ].join('\n');
    expect(parseMemory(old)).toEqual({ ok: true, value: { totalBytes: 1000, availableBytes: 400 } });
  });

  it('systemctl: a wrong line count or odd words are BAD_RESPONSE', () => {
    expect(parseServices('active\nactive')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
    expect(parseServices('active\n<script>\nx\ny\nz')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });

  it('docker: error text is UNAVAILABLE, no rows is an empty list, proto keys are refused', () => {
    expect(parseContainers('Cannot connect to the Docker daemon at unix:///var/run/docker.sock.')).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(parseContainers('')).toEqual({ ok: true, value: [] });
    expect(parseContainers('{"Names":"x","__proto__":{"polluted":true}}')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('version sections', () => {
  it("reads fluxbench's daemon version, Syncthing's and Docker's as the real binaries print them", () => {
    expect(parseBenchInfo('{\n  "version": "6.3.1",\n  "rpcport": 16224\n}\n')).toEqual({ ok: true, value: '6.3.1' });
    expect(parseSyncthingVersion('syncthing v2.0.10 "Hafnium Hornet" (go1.24.5 linux-amd64) builder@github.syncthing.net 2025-07-01 [stnoupgrade]\n')).toEqual({ ok: true, value: '2.0.10' });
    expect(parseDockerVersion('26.1.3\n')).toEqual({ ok: true, value: '26.1.3' });
    expect(parseDockerVersion('28.1.1+dfsg1\n')).toEqual({ ok: true, value: '28.1.1' });
  });

  it('no output is UNAVAILABLE, anything else BAD_RESPONSE', () => {
    expect(parseBenchInfo('')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', source: 'ssh:benchinfo' } });
    expect(parseSyncthingVersion('')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(parseBenchInfo('{"__proto__":{"x":1},"version":"6.3.1"}')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
    expect(parseDockerVersion('<b>26.1.3</b>')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });
});
