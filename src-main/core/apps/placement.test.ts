import { describe, expect, it } from 'vitest';
import { addressOf, placementOf, type PlacedNode } from './placement';

const node = (name: string, countryCode: string | null, org: string | null, fluxIp: string | null): PlacedNode => ({ name, countryCode, org, fluxIp });

describe('addressOf: the public IP part of a node’s own getfluxnodestatus ip', () => {
  it('counts a UPnP ip:port as its address, and reads bare and bracketed IPv6', () => {
    expect(addressOf('203.0.113.7')).toBe('203.0.113.7');
    expect(addressOf('203.0.113.7:16137')).toBe('203.0.113.7');
    expect(addressOf('[2001:db8::1]:16137')).toBe('2001:db8::1');
    expect(addressOf('2001:db8::1')).toBe('2001:db8::1');
    expect(addressOf(null)).toBeNull();
  });
});

describe('placementOf', () => {
  it('groups by country code, provider and public IP with counts and shares, largest first', () => {
    const p = placementOf(
      [
        node('a', 'DE', 'Hetzner Online GmbH', '203.0.113.7:16137'),
        node('b', 'DE', 'Hetzner Online GmbH', '203.0.113.7:16147'),
        node('c', 'FR', 'OVH SAS', '198.51.100.2'),
        node('d', 'US', 'OVH SAS', '192.0.2.9'),
      ],
      0.5,
      8,
    );
    expect(p.total).toBe(4);
    expect(p.byCountry.map((g) => [g.key, g.nodes, g.share])).toEqual([['DE', 2, 0.5], ['FR', 1, 0.25], ['US', 1, 0.25]]);
    expect(p.byProvider.map((g) => [g.key, g.nodeNames])).toEqual([['Hetzner Online GmbH', ['a', 'b']], ['OVH SAS', ['c', 'd']]]);
    // Two UPnP nodes behind one router are one public IP.
    expect(p.byIp[0]).toMatchObject({ key: '203.0.113.7', nodes: 2, nodeNames: ['a', 'b'] });
    // Exactly half is not "more than" half.
    expect(p.warnings).toEqual([]);
  });

  it('warns when more than the share sits in one country or provider', () => {
    const fleet = [node('a', 'DE', 'Hetzner', '1.1.1.1'), node('b', 'DE', 'Hetzner', '1.1.1.2'), node('c', 'DE', 'OVH', '1.1.1.3'), node('d', 'FR', 'OVH', '1.1.1.4')];
    expect(placementOf(fleet, 0.5, 8).warnings).toEqual([{ kind: 'country', key: 'DE', nodes: 3, share: 0.75 }]);
    expect(placementOf(fleet, 0.4, 8).warnings).toEqual([
      { kind: 'country', key: 'DE', nodes: 3, share: 0.75 },
      { kind: 'provider', key: 'Hetzner', nodes: 2, share: 0.5 },
      { kind: 'provider', key: 'OVH', nodes: 2, share: 0.5 },
    ]);
  });

  it('warns when more than 8 nodes share one IP, counting UPnP ports as the same IP', () => {
    const ports = [16127, 16137, 16147, 16157, 16167, 16177, 16187, 16197];
    const eight = ports.map((port, i) => node(`n${i}`, `C${i}`, `P${i}`, `203.0.113.7:${port}`));
    const others = Array.from({ length: 12 }, (_, i) => node(`o${i}`, `X${i}`, `Q${i}`, `198.51.100.${i + 1}`));
    expect(placementOf([...eight, ...others], 0.5, 8).warnings).toEqual([]);
    const nine = [...eight, node('n8', 'C8', 'P8', '203.0.113.7'), ...others];
    expect(placementOf(nine, 0.5, 8).warnings).toEqual([{ kind: 'ip', key: '203.0.113.7', nodes: 9, share: 9 / 21 }]);
  });

  it('lists unknown values as "unknown" and never warns about them, nor about a one-node fleet', () => {
    const p = placementOf([node('a', null, null, null), node('b', null, null, null), node('c', 'DE', 'Hetzner', '1.1.1.1')], 0.5, 1);
    expect(p.byCountry[0]).toMatchObject({ key: 'unknown', nodes: 2 });
    expect(p.warnings).toEqual([]);
    expect(placementOf([node('solo', 'DE', 'Hetzner', '1.1.1.1')], 0.5, 8).warnings).toEqual([]);
  });
});
