import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const configOperations: OperationDeclaration[] = [
  { api: 'ConfigService.DescribeConfigurationRecorders', actions: ['config:DescribeConfigurationRecorders'] },
  {
    api: 'ConfigService.DescribeConfigurationRecorderStatus',
    actions: ['config:DescribeConfigurationRecorderStatus'],
  },
];

export const configResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_config_recorder',
    class: 'Configuration',
    listOperation: 'ConfigService.DescribeConfigurationRecorders',
    detailOperations: ['ConfigService.DescribeConfigurationRecorderStatus'],
    idSource: 'synthetic: arn:{partition}:config:{region}:{account}:config-recorder/{name}',
  },
];
