import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA } from '../../../src/config/schema.js';
import { parseDuration } from '../../../src/config/units.js';
import { unknownEnv } from './known-env.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const README = readFileSync(join(ROOT, 'deploy', 'README.md'), 'utf8');

interface Service {
  readonly image?: string;
  readonly build?: string;
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly ports?: string[];
  readonly volumes?: string[];
  readonly profiles?: string[];
  readonly healthcheck?: { test?: string[]; disable?: boolean; interval?: string; retries?: number };
  readonly depends_on?: Record<string, { condition: string }>;
  readonly restart?: string;
  readonly stop_grace_period?: string;
  readonly init?: boolean;
}

const COMPOSE = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  name: string;
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = COMPOSE.services;
const service = (name: string): Service => {
  expect(services[name], name).toBeDefined();
  return services[name];
};
/** Services built from ./Dockerfile get the image's HEALTHCHECK unless they disable it. */
const fromDockerfile = (s: Service): boolean => s.build === '.';
const hasHealthcheck = (s: Service): boolean => s.healthcheck?.disable !== true && (s.healthcheck?.test !== undefined || fromDockerfile(s));
/** `${VAR:-default}` defaults found anywhere in the file. */
const DEFAULTS = new Map([...readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').matchAll(/\$\{(\w+):-([^}]*)\}/g)].map((m) => [m[1], m[2]]));

describe('docker-compose.yml', () => {
  it('defines the lab: Elasticsearch, the kibana_system password job, Kibana, msgtrack setup and run, monitoring', () => {
    expect(Object.keys(services).sort()).toEqual(['elasticsearch', 'grafana', 'kibana', 'kibana-password', 'msgtrack', 'msgtrack-setup', 'prometheus']);
    expect(service('elasticsearch').image).toMatch(/^docker\.elastic\.co\/elasticsearch\/elasticsearch:\$\{STACK_VERSION:-8\.\d+\.\d+\}$/);
    expect(service('kibana').image).toMatch(/^docker\.elastic\.co\/kibana\/kibana:\$\{STACK_VERSION:-8\.\d+\.\d+\}$/);
    // The dashboards need Kibana 8.9 or later (installKibanaObjects checks it).
    expect(Number(DEFAULTS.get('STACK_VERSION')?.split('.')[1])).toBeGreaterThanOrEqual(9);
  });

  it('runs Elasticsearch single-node with security on and a documented password', () => {
    const env = service('elasticsearch').environment ?? {};
    expect(env['discovery.type']).toBe('single-node');
    expect(env['xpack.security.enabled']).toBe('true');
    expect(env.ELASTIC_PASSWORD).toBe('${ELASTIC_PASSWORD:-changeme}');
    expect(service('kibana').environment?.ELASTICSEARCH_USERNAME).toBe('kibana_system');
    expect(service('kibana').environment?.ELASTICSEARCH_PASSWORD).toBe(service('kibana-password').environment?.KIBANA_PASSWORD);
    expect(service('kibana-password').command?.join(' ')).toContain('/_security/user/kibana_system/_password');
  });

  it('builds msgtrack from the Dockerfile and runs setup against Kibana, then run', () => {
    const setup = service('msgtrack-setup');
    const daemon = service('msgtrack');
    for (const s of [setup, daemon]) {
      expect(s.build).toBe('.');
      expect(s.init).toBe(true);
      expect(s.environment?.ELASTICSEARCH_HOSTS).toBe('http://elasticsearch:9200');
      expect(s.environment?.ELASTICSEARCH_PASSWORD).toBe('${ELASTIC_PASSWORD:-changeme}');
      expect(unknownEnv(Object.keys(s.environment ?? {}))).toEqual([]);
    }
    expect(setup.command).toEqual(['setup', '--kibana-url', 'http://kibana:5601']);
    expect(setup.restart).toBe('no');
    expect(daemon.command).toEqual(['run']);
    // Longer than the drain grace, so `docker compose stop` does not cut the flush short.
    const grace = parseDuration(SCHEMA['pipeline.grace'].default) ?? NaN;
    expect(parseDuration(daemon.stop_grace_period ?? '')).toBeGreaterThan(grace);
  });

  it('orders start-up with healthchecks and depends_on conditions', () => {
    const needs = (name: string): Record<string, string> =>
      Object.fromEntries(Object.entries(service(name).depends_on ?? {}).map(([dep, { condition }]) => [dep, condition]));
    expect(needs('kibana-password')).toEqual({ elasticsearch: 'service_healthy' });
    expect(needs('kibana')).toEqual({ elasticsearch: 'service_healthy', 'kibana-password': 'service_completed_successfully' });
    expect(needs('msgtrack-setup')).toEqual({ elasticsearch: 'service_healthy', kibana: 'service_healthy' });
    expect(needs('msgtrack')).toEqual({ 'msgtrack-setup': 'service_completed_successfully' });
    expect(needs('prometheus')).toEqual({ msgtrack: 'service_healthy' });
    expect(needs('grafana')).toEqual({ prometheus: 'service_healthy' });

    for (const [name, s] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        const target = service(dep);
        if (condition === 'service_healthy') expect(hasHealthcheck(target), `${name} waits for ${dep} to be healthy`).toBe(true);
        if (condition === 'service_completed_successfully') expect(target.restart, `${dep} is a one-shot job`).toBe('no');
        // A service outside a profile must not wait for one that only starts with that profile.
        if (!s.profiles) expect(target.profiles, `${name} -> ${dep}`).toBeUndefined();
      }
    }
  });

  it('gives the long-running services healthchecks that probe readiness', () => {
    expect(service('elasticsearch').healthcheck?.test?.join(' ')).toContain('_cluster/health?wait_for_status=yellow');
    expect(service('kibana').healthcheck?.test?.join(' ')).toContain('"level":"available"');
    expect(service('kibana').environment?.STATUS_ALLOWANONYMOUS).toBe('true');
    expect(service('prometheus').healthcheck?.test?.join(' ')).toContain('/-/ready');
    expect(service('grafana').healthcheck?.test?.join(' ')).toContain('/api/health');
    // msgtrack: the image's HEALTHCHECK on /healthz (checked in dockerfile.test.ts), not disabled.
    expect(hasHealthcheck(service('msgtrack'))).toBe(true);
    expect(service('msgtrack').healthcheck).toBeUndefined();
  });

  it('puts Prometheus and Grafana behind the monitoring profile, wired to the files in the repository', () => {
    const profiled = Object.entries(services).filter(([, s]) => s.profiles).map(([name, s]) => [name, s.profiles]);
    expect(profiled).toEqual([['prometheus', ['monitoring']], ['grafana', ['monitoring']]]);
    const mounts = Object.values(services).flatMap((s) => s.volumes ?? []).filter((v) => v.startsWith('./'));
    expect(mounts.length).toBeGreaterThanOrEqual(4);
    for (const mount of mounts) expect(existsSync(join(ROOT, mount.split(':')[0])), mount).toBe(true);
    expect(service('grafana').volumes).toEqual(expect.arrayContaining(['./grafana/provisioning:/etc/grafana/provisioning:ro']));

    const prometheus = parse(readFileSync(join(ROOT, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
    };
    const [job] = prometheus.scrape_configs;
    expect(job.static_configs.flatMap((c) => c.targets)).toEqual(['msgtrack:9464']);
    expect(job.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('publishes each UI on localhost only, at the ports the README documents', () => {
    const published = Object.fromEntries(Object.entries(services).filter(([, s]) => s.ports).map(([name, s]) => [name, s.ports]));
    expect(published).toEqual({
      elasticsearch: ['127.0.0.1:9200:9200'],
      kibana: ['127.0.0.1:5601:5601'],
      msgtrack: ['127.0.0.1:9464:9464'],
      prometheus: ['127.0.0.1:9090:9090'],
      grafana: ['127.0.0.1:3000:3000'],
    });
    for (const port of ['9200', '5601', '9464', '9090', '3000']) expect(README).toContain(`http://localhost:${port}`);
  });

  it('documents every default credential in deploy/README.md', () => {
    for (const variable of ['ELASTIC_PASSWORD', 'KIBANA_PASSWORD', 'GRAFANA_PASSWORD']) {
      const value = DEFAULTS.get(variable);
      expect(value, variable).toBeTruthy();
      expect(README, variable).toContain(`\`${value}\``);
      expect(README).toContain(variable);
    }
  });
});
