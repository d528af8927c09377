import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { envSchema, loadEnv } from '../../src/env.js';

const k8sDir = fileURLToPath(new URL('../../../../deploy/k8s', import.meta.url));

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

/** Every variable the config schema knows, read from the schema itself. */
const schemaVariables = Object.keys(envSchema.shape);
/** The variables production refuses to start without (the schema's own verdict on an empty environment). */
const requiredInProduction = (() => {
  try {
    loadEnv({ NODE_ENV: 'production' });
    return [];
  } catch (error) {
    return schemaVariables.filter((name) => (error as Error).message.includes(`  ${name}:`));
  }
})();

describe('Kubernetes manifests (deploy/k8s)', () => {
  let manifests: Manifest[];
  const one = (kind: string) => {
    const found = manifests.filter((manifest) => manifest.kind === kind);
    expect(found, kind).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(async () => {
    const files = (await readdir(k8sDir)).filter((file) => file.endsWith('.yaml'));
    manifests = [];
    for (const file of files) {
      for (const document of parseAllDocuments(await readFile(join(k8sDir, file), 'utf8'))) {
        expect(document.errors, file).toEqual([]);
        const value = document.toJS() as Manifest | null;
        if (value?.kind && value.kind !== 'Kustomization') manifests.push(value);
      }
    }
  });

  it('knows which variables the schema has and which production requires', () => {
    expect(schemaVariables.length).toBeGreaterThan(20);
    expect(requiredInProduction).toEqual(expect.arrayContaining(['MONGO_URI', 'JWT_SECRET']));
  });

  it('apply every manifest but the Secret example through kustomization.yaml', async () => {
    const kustomization = parseAllDocuments(await readFile(join(k8sDir, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
      resources: string[];
    };
    const files = (await readdir(k8sDir)).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.filter((file) => file !== 'secret.example.yaml').sort());
  });

  it('wire every variable of the config schema into the Deployment, secrets from the Secret', () => {
    const deployment = one('Deployment');
    const container = deployment.spec.template.spec.containers[0];
    const configMap = one('ConfigMap');
    const secret = one('Secret');
    const sources = container.envFrom as { configMapRef?: { name: string }; secretRef?: { name: string } }[];
    expect(sources.map((source) => source.configMapRef?.name ?? source.secretRef?.name)).toEqual([
      configMap.metadata.name,
      secret.metadata.name,
    ]);

    const fromConfigMap = Object.keys(configMap.data ?? {});
    const fromSecret = Object.keys(secret.stringData ?? {});
    const explicit = ((container.env ?? []) as { name: string }[]).map((entry) => entry.name);
    const provided = [...fromConfigMap, ...fromSecret, ...explicit];
    for (const name of schemaVariables) expect(provided, `${name} is not provided`).toContain(name);
    // Nothing twice, nothing the schema does not know (a typo would silently fall back to a default).
    expect(new Set(provided).size).toBe(provided.length);
    for (const name of provided) expect(schemaVariables, `${name} is not in the config schema`).toContain(name);
    for (const name of [...requiredInProduction, 'JWT_PREVIOUS_SECRETS', 'REDIS_URL'])
      expect(fromSecret, name).toContain(name);
    // The Secret example holds no usable value.
    expect(Object.values(secret.stringData ?? {}).every((value) => value === '')).toBe(true);
  });

  it('hold a configuration the schema accepts in production once the secrets are filled in', () => {
    const configMap = one('ConfigMap');
    const env = loadEnv({
      ...configMap.data,
      ...Object.fromEntries(Object.keys(one('Secret').stringData ?? {}).map((name) => [name, ''])),
      MONGO_URI: 'mongodb://mongo-0.mongo,mongo-1.mongo/?replicaSet=rs0&retryWrites=true',
      JWT_SECRET: 'k8s-test-secret-0123456789-0123456789-abcdef',
      WEBHOOK_SECRETS_KEY: 'k8s-test-webhook-key-0123456789-0123456789',
    });
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.OTEL_TRACES_EXPORTER).toBeUndefined();
  });

  it('probe readiness on /ready and liveness on /health, on the container port', () => {
    const deployment = one('Deployment');
    const container = deployment.spec.template.spec.containers[0];
    const port = container.ports[0];
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: port.name });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: port.name });
    expect(Number(one('ConfigMap').data?.PORT)).toBe(port.containerPort);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  it('select the Deployment’s pods from the Service, the HPA and the PodDisruptionBudget', () => {
    const deployment = one('Deployment');
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    const service = one('Service');
    expect(service.spec.selector).toEqual(labels);
    expect(service.spec.ports[0].targetPort).toBe(deployment.spec.template.spec.containers[0].ports[0].name);
    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    // CPU utilisation targets need CPU requests.
    expect(deployment.spec.template.spec.containers[0].resources.requests.cpu).toBeDefined();
    const pdb = one('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });
});
