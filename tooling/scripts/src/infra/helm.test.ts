import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from '@egov/kernel/db';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { helmBinary } from './helm-binary.ts';
import { type DeployedApp, deployedApps } from './manifest.ts';

/*
 * The Kubernetes deployment checked with the real `helm template` (Helm 4, from an npm package, see
 * helm-binary.ts), every rendered Kubernetes object validated against the Kubernetes schemas
 * (kubernetes-models), and the charts' own rules: probes, no privilege, secrets by reference, a
 * PodDisruptionBudget when more than one replica, and every NetworkPolicy evaluated against the
 * apps' call graph (who may reach whom, and who may not).
 */
const execFileAsync = promisify(execFile);
const root = findRepoRoot();
const k8s = join(root, 'infra', 'k8s');
const appChart = join(k8s, 'charts', 'egov-app');
const helm = helmBinary();

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
};

async function template(chart: string, release: string, args: string[] = []): Promise<Obj[]> {
  const { stdout } = await execFileAsync(helm!, ['template', release, chart, ...args], {
    maxBuffer: 16 << 20,
  });
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null);
}

const helmError = (chart: string, args: string[]) =>
  execFileAsync(helm!, ['template', 'x', chart, ...args]).then(
    () => '',
    (error: { stderr: string }) => error.stderr,
  );

/** The kubernetes-models class for an object, or undefined for custom resources (CloudNativePG). */
async function model(o: Obj): Promise<(new (data: object) => { validate(): void }) | undefined> {
  const modules: Record<string, string> = {
    v1: 'kubernetes-models/v1',
    'apps/v1': 'kubernetes-models/apps/v1',
    'policy/v1': 'kubernetes-models/policy/v1',
    'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
    'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  };
  const path = modules[o.apiVersion];
  if (!path) return undefined;
  const mod = (await import(path)) as Record<string, new (data: object) => { validate(): void }>;
  const cls = mod[o.kind];
  if (!cls) throw new Error(`no Kubernetes model for ${o.apiVersion} ${o.kind}`);
  return cls;
}

// A NetworkPolicy evaluated as Kubernetes does, for the selectors these charts use.
interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists'; values?: string[] }[];
}
const selects = (s: Selector, labels: Record<string, string>) =>
  Object.entries(s.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (s.matchExpressions ?? []).every((e) =>
    e.operator === 'In'
      ? e.values!.includes(labels[e.key]!)
      : e.operator === 'NotIn'
        ? !e.values!.includes(labels[e.key]!)
        : e.key in labels,
  );
interface PodRef {
  namespace: string;
  labels: Record<string, string>;
}
const peerMatches = (
  peer: { podSelector?: Selector; namespaceSelector?: Selector },
  policyNs: string,
  pod: PodRef,
) =>
  (peer.namespaceSelector
    ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': pod.namespace })
    : pod.namespace === policyNs) && (peer.podSelector ? selects(peer.podSelector, pod.labels) : true);
/** Whether the policies of the target's namespace let `from` open a connection to `to` on `port`. */
function allowed(policies: Obj[], from: PodRef, to: PodRef, port: number): boolean {
  const portOk = (ports?: { port: number }[]) => !ports || ports.some((p) => p.port === port);
  const egress = policies.filter(
    (p) => p.metadata.namespace === from.namespace && selects(p.spec.podSelector, from.labels),
  );
  const ingress = policies.filter(
    (p) => p.metadata.namespace === to.namespace && selects(p.spec.podSelector, to.labels),
  );
  const out = egress.some((p) =>
    (p.spec.egress ?? []).some(
      (r: any) =>
        portOk(r.ports) && (!r.to || r.to.some((peer: any) => peerMatches(peer, p.metadata.namespace!, to))),
    ),
  );
  const into = ingress.some((p) =>
    (p.spec.ingress ?? []).some(
      (r: any) =>
        portOk(r.ports) &&
        (!r.from || r.from.some((peer: any) => peerMatches(peer, p.metadata.namespace!, from))),
    ),
  );
  // With the zone's default-deny in force, both sides must allow.
  return egress.length > 0 && ingress.length > 0 && out && into;
}

const rendered = new Map<string, Obj[]>();
const valuesFile = (app: string) => join(k8s, 'values', `${app}.yaml`);
const of = (app: string, kind: string) => rendered.get(app)!.filter((o) => o.kind === kind);
const deployment = (app: string) => of(app, 'Deployment')[0]!;
const podOf = (app: DeployedApp): PodRef => ({
  namespace: `egov-${app.zone}`,
  labels: deployment(app.name).spec.template.metadata.labels,
});

describe.skipIf(!helm)('the Helm charts, rendered by the real helm template', () => {
  beforeAll(async () => {
    for (const app of deployedApps)
      rendered.set(app.name, await template(appChart, app.name, ['-f', valuesFile(app.name)]));
  }, 120_000);

  it('has a values file per app that matches its manifest: zone, port and the apps it calls', () => {
    for (const app of deployedApps) {
      const values = parse(readFileSync(valuesFile(app.name), 'utf8')) as { app: DeployedApp };
      expect(values.app, app.name).toEqual({
        name: app.name,
        zone: app.zone,
        port: app.port,
        calls: app.calls,
      });
    }
  });

  it('validates every rendered Kubernetes object against the Kubernetes schemas', async () => {
    let checked = 0;
    for (const [app, objects] of rendered) {
      expect(objects.map((o) => o.kind).sort(), app).toEqual(
        [
          'Cluster',
          'Deployment',
          'HorizontalPodAutoscaler',
          'NetworkPolicy',
          'NetworkPolicy',
          'PodDisruptionBudget',
          'ScheduledBackup',
          'Service',
          'ServiceAccount',
        ].sort(),
      );
      for (const o of objects) {
        const cls = await model(o);
        if (!cls) continue;
        expect(() => new cls(o).validate(), `${app}: ${o.kind} ${o.metadata.name}`).not.toThrow();
        checked += 1;
      }
    }
    expect(checked).toBe(deployedApps.length * 7);
    // The validator does refuse a wrong object, so a pass means something.
    const broken = structuredClone(deployment('platform'));
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    const cls = (await model(broken))!;
    expect(() => new cls(broken).validate()).toThrow();
  });

  it('gives each container startup, liveness and readiness probes on /healthz and /readyz, and a preStop drain', () => {
    for (const app of deployedApps) {
      const [container] = deployment(app.name).spec.template.spec.containers;
      expect(container.startupProbe.httpGet.path).toBe('/healthz');
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      expect(container.ports[0].containerPort).toBe(app.port);
      expect(container.lifecycle.preStop.exec.command).toEqual(['sleep', '10']);
      expect(deployment(app.name).spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(10);
      expect(container.args).toEqual([`apps/${app.name}/src/main.ts`]);
    }
  });

  it('runs nothing privileged: non-root, read-only root filesystem, no capabilities, resources requested, spread', () => {
    for (const app of deployedApps) {
      const pod = deployment(app.name).spec.template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({
          privileged: false,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.resources.requests.cpu).toBeTruthy();
        expect(c.resources.requests.memory).toBeTruthy();
      }
      expect(pod.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey)).toEqual([
        'topology.kubernetes.io/zone',
        'kubernetes.io/hostname',
      ]);
    }
  });

  it('takes secrets only by reference: no Secret rendered, DATABASE_URL and keys from secretKeyRef', () => {
    for (const app of deployedApps) {
      expect(of(app.name, 'Secret')).toEqual([]);
      const env = deployment(app.name).spec.template.spec.containers[0].env as {
        name: string;
        value?: string;
        valueFrom?: { secretKeyRef: { name: string; key: string } };
      }[];
      const byName = Object.fromEntries(env.map((e) => [e.name, e]));
      expect(byName.DATABASE_URL!.valueFrom!.secretKeyRef).toEqual({
        name: `${app.name}-db-app`,
        key: 'uri',
      });
      expect(byName.EGOV_SERVICE_KEY!.valueFrom!.secretKeyRef).toEqual({
        name: `${app.name}-service-key`,
        key: 'key.jwk',
      });
      for (const e of env)
        if (/PASSWORD|SECRET|KEY$|DATABASE_URL/.test(e.name)) expect(e.value, e.name).toBeUndefined();
      expect(byName.EGOV_EVENTS_REPLICAS!.value).toBe('3');
    }
    expect(
      deployment('platform').spec.template.spec.containers[0].env.find(
        (e: { name: string }) => e.name === 'EGOV_SECRETS_KEY',
      ).valueFrom.secretKeyRef,
    ).toEqual({ name: 'platform-secrets', key: 'secrets-key' });
  });

  it('adds a PodDisruptionBudget only with more than one replica, and an HPA when autoscaling', async () => {
    for (const app of deployedApps) {
      expect(of(app.name, 'PodDisruptionBudget')[0]!.spec.maxUnavailable).toBe(1);
      expect(of(app.name, 'HorizontalPodAutoscaler')[0]!.spec).toMatchObject({
        minReplicas: 2,
        maxReplicas: 6,
      });
      expect(deployment(app.name).spec.replicas).toBeUndefined(); // the HPA owns the count
    }
    const one = await template(appChart, 'golden-tax', [
      '-f',
      valuesFile('golden-tax'),
      '--set',
      'autoscaling.enabled=false',
      '--set',
      'replicas=1',
    ]);
    expect(one.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(one.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(one.find((o) => o.kind === 'Deployment')!.spec.replicas).toBe(1);
  });

  it('gives each app a CloudNativePG cluster: 3 instances, quorum synchronous replication, scheduled backups', () => {
    for (const app of deployedApps) {
      const schema = app.name.replaceAll('-', '_');
      const cluster = of(app.name, 'Cluster')[0]!;
      expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
      expect(cluster.metadata.name).toBe(`${app.name}-db`);
      expect(cluster.spec.instances).toBe(3);
      expect(cluster.spec.postgresql.synchronous).toEqual({
        method: 'any',
        number: 1,
        dataDurability: 'required',
      });
      expect(cluster.spec.bootstrap.initdb).toMatchObject({ database: schema, owner: schema });
      expect(cluster.spec.backup.barmanObjectStore.destinationPath).toBe(`s3://egov-backups/${app.name}`);
      expect(cluster.spec.backup.barmanObjectStore.s3Credentials.accessKeyId).toEqual({
        name: 'egov-backup-s3',
        key: 'ACCESS_KEY_ID',
      });
      const backup = of(app.name, 'ScheduledBackup')[0]!;
      expect(backup.spec).toMatchObject({ cluster: { name: `${app.name}-db` }, method: 'barmanObjectStore' });
      expect(backup.spec.schedule.split(' ')).toHaveLength(6);
    }
  });

  it("lets exactly the app's callers in and the app out to exactly what it calls, its database, NATS and DNS", () => {
    const policies = [...rendered.values()].flat().filter((o) => o.kind === 'NetworkPolicy');
    const nats = parse(readFileSync(join(k8s, 'nats', 'networkpolicy.yaml'), 'utf8')) as Obj;
    const all = [...policies, nats];
    for (const from of deployedApps)
      for (const to of deployedApps) {
        if (from === to) continue;
        const may = to.name === 'platform' || from.calls.includes(to.name);
        expect(allowed(all, podOf(from), podOf(to), to.port), `${from.name} -> ${to.name}`).toBe(may);
      }
    for (const app of deployedApps) {
      const db = { namespace: `egov-${app.zone}`, labels: { 'cnpg.io/cluster': `${app.name}-db` } };
      expect(allowed(all, podOf(app), db, 5432), `${app.name} -> its database`).toBe(true);
      for (const other of deployedApps.filter((o) => o !== app)) {
        const theirs = { namespace: `egov-${other.zone}`, labels: { 'cnpg.io/cluster': `${other.name}-db` } };
        expect(allowed(all, podOf(app), theirs, 5432), `${app.name} -> ${other.name}'s database`).toBe(false);
      }
      const natsPod = { namespace: 'egov-internal', labels: { 'app.kubernetes.io/name': 'nats' } };
      expect(allowed(all, podOf(app), natsPod, 4222), `${app.name} -> NATS`).toBe(true);
      const outside = { namespace: 'default', labels: { app: 'anything' } };
      expect(allowed(all, outside, podOf(app), app.port), `outside -> ${app.name}`).toBe(false);
    }
    // Only the platform is reachable from the internal zone's gateway (officials log in there).
    const gateway = { namespace: 'egov-internal-gateway', labels: {} };
    for (const app of deployedApps)
      expect(
        policies.some(
          (p) =>
            p.metadata.name === app.name &&
            p.spec.ingress.some((r: any) =>
              r.from.some((peer: any) => peerMatches(peer, 'egov-internal', gateway)),
            ),
        ),
        app.name,
      ).toBe(app.name === 'platform');
  });

  it('refuses a values file with an unknown key or a wrong type, in helm and in ajv alike', async () => {
    const schema = JSON.parse(readFileSync(join(appChart, 'values.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const defaults = parse(readFileSync(join(appChart, 'values.yaml'), 'utf8'));
    const merged = (app: string) => deepMerge(defaults, parse(readFileSync(valuesFile(app), 'utf8')));
    for (const app of deployedApps)
      expect(validate(merged(app.name)), JSON.stringify(validate.errors)).toBe(true);

    const unknown = { ...merged('golden-tax'), replicaCount: 3 };
    expect(validate(unknown)).toBe(false);
    expect(validate.errors![0]).toMatchObject({
      keyword: 'additionalProperties',
      params: { additionalProperty: 'replicaCount' },
    });
    const wrongType = deepMerge(merged('golden-tax'), { database: { instances: '3' } });
    expect(validate(wrongType)).toBe(false);
    expect(validate.errors![0]).toMatchObject({ instancePath: '/database/instances', keyword: 'type' });

    const args = ['-f', valuesFile('golden-tax')];
    expect(await helmError(appChart, [...args, '--set', 'replicaCount=3'])).toMatch(
      /values don't meet the specifications of the schema.*\n?.*additional properties 'replicaCount' not allowed/s,
    );
    expect(await helmError(appChart, [...args, '--set-string', 'database.instances=3'])).toMatch(
      /database\/instances.*got string, want integer/s,
    );
    expect(await helmError(appChart, [...args, '--set', 'database.instances=1'])).toMatch(
      /minimum: got 1, want 3/,
    );
    expect(await helmError(appChart, [...args, '--set', 'app.zone=dmz'])).toMatch(/app\/zone/);
  });

  it('makes a namespace per zone, each denying all traffic by default, and refuses an unknown zone', async () => {
    const zonesChart = join(k8s, 'charts', 'egov-zones');
    const objects = await template(zonesChart, 'egov-zones');
    for (const o of objects) {
      const cls = (await model(o))!;
      expect(() => new cls(o).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
    }
    const namespaces = objects.filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((n) => n.metadata.name)).toEqual(['egov-internal', 'egov-external', 'egov-public']);
    for (const ns of namespaces) {
      expect(ns.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('restricted');
      const deny = objects.find(
        (o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === ns.metadata.name,
      )!;
      expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
    expect(await helmError(zonesChart, ['--set', 'zones={internal,dmz}'])).toMatch(/zones\/1/);
    expect(await helmError(zonesChart, ['--set', 'extra=1'])).toMatch(
      /additional properties 'extra' not allowed/,
    );
    // Every app's namespace is a zone the zones chart makes.
    for (const app of deployedApps)
      expect(namespaces.map((n) => n.metadata.name)).toContain(deployment(app.name).metadata.namespace);
  });

  it('configures NATS as a 3-server JetStream cluster, every write synced, with a valid NetworkPolicy', async () => {
    const values = parse(readFileSync(join(k8s, 'nats', 'values.yaml'), 'utf8'));
    expect(values.config.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(values.config.jetstream).toMatchObject({ enabled: true, merge: { sync_interval: 'always' } });
    const policy = parse(readFileSync(join(k8s, 'nats', 'networkpolicy.yaml'), 'utf8')) as Obj;
    const cls = (await model(policy))!;
    expect(() => new cls(policy).validate()).not.toThrow();
  });
});

function deepMerge(base: any, over: any): any {
  if (Array.isArray(over) || typeof over !== 'object' || over === null) return over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}
