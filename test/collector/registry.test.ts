import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkDependencies } from '../../collector/runner';
import { allOperations, allCollectorModules, findModule, registeredModules } from '../../collector/registry';
import type { CollectorModule } from '../../collector/types';

describe('collector registry', () => {
  test('every module under collector/services is registered exactly once', () => {
    const root = path.join(__dirname, '../../collector/services');
    const onDisk = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'index.ts')));
    const registered = allCollectorModules().map((module) => module.service);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...registered].sort()).toEqual([...onDisk].sort());
  });

  test('global modules come first, and declarations are well formed', () => {
    const firstRegional = allCollectorModules().findIndex((module) => module.scope === 'regional');
    expect(
      allCollectorModules()
        .slice(firstRegional)
        .every((module) => module.scope === 'regional'),
    ).toBe(true);
    for (const module of allCollectorModules()) {
      expect(module.resourceTypes.length).toBeGreaterThan(0);
      for (const operation of module.operations) {
        expect(operation.api).toMatch(/^[A-Za-z0-9]+\.[A-Z][A-Za-z0-9]+$/);
        expect(operation.actions.length).toBeGreaterThan(0);
        for (const action of operation.actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9*]+$/);
      }
      for (const declaration of module.resourceTypes) expect(declaration.type).toMatch(/^aws_[a-z0-9_]+$/);
    }
  });

  test('each entry names the module it loads, with its scope; dependencies come earlier', () => {
    for (const entry of registeredModules) {
      const module = entry.load();
      expect({ service: module.service, scope: module.scope }).toEqual({
        service: entry.service,
        scope: entry.scope,
      });
      expect(entry.load()).toBe(module); // loaded once
    }
    expect(() => checkDependencies(allCollectorModules())).not.toThrow();
  });

  test('resource types are owned by one module each', () => {
    const owners = new Map<string, string>();
    for (const module of allCollectorModules()) {
      for (const { type } of module.resourceTypes) {
        expect(owners.get(type) ?? module.service).toBe(module.service);
        owners.set(type, module.service);
      }
    }
  });

  test('allOperations is the de-duplicated union, actions merged', () => {
    const a: CollectorModule = {
      service: 'a',
      scope: 'regional',
      resourceTypes: [],
      operations: [
        { api: 'EC2.DescribeNetworkInterfaces', actions: ['ec2:DescribeNetworkInterfaces'] },
        { api: 'EC2.DescribeVpcs', actions: ['ec2:DescribeVpcs'] },
      ],
      collect: async () => undefined,
    };
    const b: CollectorModule = {
      ...a,
      service: 'b',
      operations: [
        { api: 'EC2.DescribeNetworkInterfaces', actions: ['ec2:DescribeNetworkInterfaces', 'ec2:Describe*'] },
      ],
    };
    expect(allOperations([a, b])).toEqual([
      { api: 'EC2.DescribeNetworkInterfaces', actions: ['ec2:DescribeNetworkInterfaces', 'ec2:Describe*'] },
      { api: 'EC2.DescribeVpcs', actions: ['ec2:DescribeVpcs'] },
    ]);
    const apis = allOperations().map((operation) => operation.api);
    expect(new Set(apis).size).toBe(apis.length);
    expect(apis).toEqual(
      expect.arrayContaining(['EC2.DescribeInstances', 'ElasticLoadBalancingV2.DescribeTargetHealth']),
    );
    expect(findModule('ec2')?.scope).toBe('regional');
  });
});
