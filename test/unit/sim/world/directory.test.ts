import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/sim/rng.js';
import { DEFAULT_ORG, type OrgSettings } from '../../../../src/sim/settings.js';
import { buildDirectory } from '../../../../src/sim/world/directory.js';
import { inCountry } from '../../../../src/sim/world/geo.js';
import { buildTopology } from '../../../../src/sim/world/topology.js';

function directory(org: OrgSettings = DEFAULT_ORG, seed = 'dir') {
  const rng = new Rng(seed, 'directory');
  const topology = buildTopology(org, rng);
  return { topology, dir: buildDirectory(org, topology, rng) };
}

describe('buildDirectory', () => {
  it('is a pure function of seed and settings', () => {
    expect(JSON.stringify(directory().dir)).toBe(JSON.stringify(directory().dir));
    expect(JSON.stringify(directory(DEFAULT_ORG, 'other').dir)).not.toBe(JSON.stringify(directory().dir));
  });

  it('has the requested people with unique first.last addresses, plus service mailboxes', () => {
    const { dir } = directory();
    expect(dir.people).toBe(300);
    const people = dir.mailboxes.slice(0, dir.people);
    for (const m of people) expect(m.address).toMatch(/^[a-z]+\.[a-z]+\d*@contoso\.com$/);
    expect(new Set(dir.mailboxes.map((m) => m.address)).size).toBe(dir.mailboxes.length);
    for (const s of dir.services) expect(dir.mailboxes[s].department).toBe(-1);
  });

  it('places mailboxes in databases held by their server, departments mostly together', () => {
    const { dir, topology } = directory();
    for (const m of dir.mailboxes) expect(topology.databases[m.database].server).toBe(m.server);
    let home = 0;
    for (const m of dir.mailboxes.slice(0, dir.people)) if (m.server === m.department % topology.servers.length) home++;
    expect(home / dir.people).toBeGreaterThan(0.8);
  });

  it('builds the requested groups with real, non-empty member lists', () => {
    const { dir } = directory();
    expect(dir.groups).toHaveLength(20);
    expect(new Set(dir.groups.map((g) => g.address)).size).toBe(20);
    for (const g of dir.groups) {
      expect(g.members.length).toBeGreaterThan(0);
      expect(g.memberAddresses).toEqual(g.members.map((m) => dir.mailboxes[m].address));
    }
    const sales = dir.groups[dir.departmentGroup[0]];
    for (const m of sales.members) expect(dir.mailboxes[m].department).toBe(0);
  });

  it('forwards the mailboxes of people who left to a colleague, outside groups and with no activity', () => {
    const { dir } = directory();
    const departed = dir.mailboxes.filter((m) => m.forwardTo >= 0);
    expect(departed.length).toBe(Math.round(dir.people * 0.015));
    for (const m of departed) {
      const to = dir.mailboxes[m.forwardTo];
      expect(to.department).toBe(m.department);
      expect(to.forwardTo).toBe(-1);
      for (const g of dir.groups) expect(g.members).not.toContain(m.index);
      const weight = dir.senderActivity[m.index] - (m.index > 0 ? dir.senderActivity[m.index - 1] : 0);
      expect(weight).toBe(0);
    }
  });

  it('skews activity: the busiest tenth of the people send a large share of the mail', () => {
    const { dir } = directory();
    const weights = Array.from(dir.senderActivity, (c, i) => c - (i > 0 ? dir.senderActivity[i - 1] : 0)).sort((a, b) => b - a);
    const total = weights.reduce((a, b) => a + b, 0);
    const top = weights.slice(0, 30).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.3);
  });

  it('has weighted external correspondents whose servers sit in their country', () => {
    const { dir } = directory({ ...DEFAULT_ORG, externalDomains: 100 });
    expect(dir.externals).toHaveLength(100);
    expect(new Set(dir.externals.map((d) => d.name)).size).toBe(100);
    for (const d of dir.externals) {
      for (const ip of d.mxIps) expect(inCountry(ip, d.country)).toBe(true);
      expect(d.name.endsWith('.' + d.country.tld)).toBe(true);
      for (const p of d.people) expect(p.endsWith('@' + d.name)).toBe(true);
    }
    expect(dir.externals.filter((d) => d.trusted).length).toBe(15);
  });
});
