import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/sim/rng.js';
import { DEFAULT_ORG } from '../../../../src/sim/settings.js';
import { buildTopology, nthAddress, serverName } from '../../../../src/sim/world/topology.js';

describe('serverName', () => {
  it('counts the trailing number up, keeping its width', () => {
    expect([0, 1, 2, 9].map((i) => serverName('EXCH01', i))).toEqual(['EXCH01', 'EXCH02', 'EXCH03', 'EXCH10']);
    expect(serverName('MBX9', 3)).toBe('MBX12');
  });

  it('appends a number to a name without one', () => {
    expect([0, 1, 2].map((i) => serverName('MAIL', i))).toEqual(['MAIL', 'MAIL2', 'MAIL3']);
  });
});

describe('nthAddress', () => {
  it('counts addresses up across octets', () => {
    expect(nthAddress('10.0.1.10', 0)).toBe('10.0.1.10');
    expect(nthAddress('10.0.1.10', 3)).toBe('10.0.1.13');
    expect(nthAddress('10.0.1.254', 3)).toBe('10.0.2.1');
  });
});

describe('buildTopology', () => {
  it('builds the DAG from the org settings', () => {
    const t = buildTopology({ ...DEFAULT_ORG, hostname: 'MBX01', domain: 'fabrikam.org', serverIp: '192.168.7.20', servers: 3 }, new Rng('t', 'directory'));
    expect(t.servers.map((s) => s.name)).toEqual(['MBX01', 'MBX02', 'MBX03']);
    expect(t.servers.map((s) => s.ip)).toEqual(['192.168.7.20', '192.168.7.21', '192.168.7.22']);
    expect(t.servers[1].fqdn).toBe('MBX02.fabrikam.org');
    expect(t.servers[1].defaultConnector).toBe('MBX02\\Default MBX02');
    expect(t.servers[1].frontendConnector).toBe('MBX02\\Default Frontend MBX02');
  });

  it('spreads DB01.. round-robin so every server holds active databases', () => {
    const t = buildTopology(DEFAULT_ORG, new Rng('t', 'directory'));
    expect(t.databases[0].name).toBe('DB01');
    expect(t.databases.length).toBe(12);
    for (const s of t.servers) {
      expect(s.databases.length).toBe(3);
      for (const d of s.databases) expect(t.databases[d].server).toBe(s.index);
    }
    expect(t.databases[4].deliverCustomData).toContain('S:DatabaseName=DB05');
  });

  it('gives a single-server lab one database at least', () => {
    const t = buildTopology({ ...DEFAULT_ORG, servers: 1, users: 5 }, new Rng('t', 'directory'));
    expect(t.servers).toHaveLength(1);
    expect(t.databases).toHaveLength(1);
  });
});
