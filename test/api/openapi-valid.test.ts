// The document served at /api/v1/openapi.json, with every router `serve` mounts, must be valid OpenAPI 3.1:
// checked against the official 3.1 JSON Schema by @seriousme/openapi-schema-validator, which also fails on any
// `$ref` that does not resolve. That package is ESM only and jest runs CommonJS here, so it runs in a child node.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { makeTestApp, serveApp, type TestApp } from './helpers';

type Json = Record<string, unknown>;

const VALIDATE = `
import { Validator } from '@seriousme/openapi-schema-validator';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(input));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));
`;

function validateOpenApi(document: unknown): { valid: boolean; version: string; errors: unknown } {
  const child = spawnSync(process.execPath, ['--input-type=module', '--eval', VALIDATE], {
    cwd: path.resolve(__dirname, '../..'),
    input: JSON.stringify(document),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`validator did not run: ${child.stderr || child.error}`);
  return JSON.parse(child.stdout) as { valid: boolean; version: string; errors: unknown };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(document: Json): { key: string; path: string; operation: Json }[] {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        key: `${method} ${route}`,
        path: route,
        operation: operation as Json,
      })),
  );
}

let t: TestApp;
let document: Json;
beforeAll(async () => {
  t = await makeTestApp();
  // The routers `cloudward serve` mounts (onboarding, controls/frameworks, web support), not only the core ones.
  const app = serveApp(t);
  const response = await request(app).get('/api/v1/openapi.json').set('Authorization', t.auditor);
  expect(response.status).toBe(200);
  document = response.body as Json;
});
afterAll(async () => {
  await t.close();
});

describe('served OpenAPI document', () => {
  test('validates against the official OpenAPI 3.1 schema with every $ref resolved', () => {
    const result = validateOpenApi(document);
    expect(result).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test('the validator refuses the same document with one dangling $ref', () => {
    const broken = structuredClone(document);
    const [first] = operations(broken);
    (first.operation.responses as Json)['499'] = { $ref: '#/components/responses/Problem499' };
    const result = validateOpenApi(broken);
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result.errors)).toContain('Problem499');
  });

  test('every operation has a unique id, its security requirement and documented responses', () => {
    const ids = new Set<string>();
    for (const { key, operation } of operations(document)) {
      expect({ key, id: ids.has(operation.operationId as string) }).toEqual({ key, id: false });
      ids.add(operation.operationId as string);
      const security = operation.security as Json[];
      const expected = operation['x-minimum-role'] === 'public' ? [] : [{ bearerAuth: [] }];
      expect({ key, security }).toEqual({ key, security: expected });
      const statuses = Object.keys(operation.responses as Json);
      expect({ key, success: statuses.some((status) => /^2\d\d$/.test(status)) }).toEqual({
        key,
        success: true,
      });
      if (operation['x-minimum-role'] !== 'public')
        expect({ key, statuses }).toEqual({ key, statuses: expect.arrayContaining(['401', '403']) });
    }
  });

  test('every path template parameter is declared as a required path parameter', () => {
    for (const { key, path: route, operation } of operations(document)) {
      const declared = ((operation.parameters ?? []) as Json[])
        .filter((parameter) => parameter.in === 'path' && parameter.required === true)
        .map((parameter) => parameter.name)
        .sort();
      const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      expect({ key, declared }).toEqual({ key, declared: templated });
    }
  });

  test('documents the routes serve mounts beyond the core API', () => {
    const keys = operations(document).map(({ key }) => key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'get /api/v1/onboarding/preview',
        'get /api/v1/frameworks',
        'get /api/v1/reports/alerts/export',
      ]),
    );
  });

  test('documents the CSV and zip downloads next to their JSON form', () => {
    const exported = (document.paths as Record<string, Record<string, Json>>)[
      '/api/v1/reports/alerts/export'
    ];
    const content = (exported.get.responses as Record<string, Json>)['200'].content as Json;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'text/csv']);
    const bundle = (document.paths as Record<string, Record<string, Json>>)[
      '/api/v1/accounts/{id}/onboarding'
    ];
    expect(Object.keys((bundle.get.responses as Record<string, Json>)['200'].content as Json)).toContain(
      'application/zip',
    );
  });
});
