// What the IAM module reads and the IAM actions that authorise it (read by the onboarding policy).
import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

const AUTHORIZATION_DETAILS = 'IAM.GetAccountAuthorizationDetails';

export const iamOperations: OperationDeclaration[] = [
  { api: AUTHORIZATION_DETAILS, actions: ['iam:GetAccountAuthorizationDetails'] },
  { api: 'IAM.GenerateCredentialReport', actions: ['iam:GenerateCredentialReport'] },
  { api: 'IAM.GetCredentialReport', actions: ['iam:GetCredentialReport'] },
  { api: 'IAM.ListVirtualMFADevices', actions: ['iam:ListVirtualMFADevices'] },
  { api: 'IAM.GetAccountPasswordPolicy', actions: ['iam:GetAccountPasswordPolicy'] },
  { api: 'IAM.GetAccountSummary', actions: ['iam:GetAccountSummary'] },
  { api: 'IAM.ListServerCertificates', actions: ['iam:ListServerCertificates'] },
  { api: 'IAM.GetServerCertificate', actions: ['iam:GetServerCertificate'] },
];

/** Types whose list is GetAccountAuthorizationDetails: all incomplete when it fails. */
export const AUTHORIZATION_TYPES = [
  'aws_iam_user',
  'aws_iam_group',
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role_policy',
  'aws_iam_instance_profile',
];

const inline = (type: string, principal: string): ResourceTypeDeclaration => ({
  type,
  class: 'AccessPolicy',
  listOperation: AUTHORIZATION_DETAILS,
  idSource: `synthetic: {${principal}Arn}/inline-policy/{PolicyName}`,
});

export const iamResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_iam_user',
    class: 'User',
    listOperation: AUTHORIZATION_DETAILS,
    detailOperations: ['IAM.GenerateCredentialReport', 'IAM.GetCredentialReport'],
    idSource: 'UserDetail.Arn',
  },
  {
    type: 'aws_iam_root_user',
    class: 'User',
    listOperation: 'IAM.GetCredentialReport',
    detailOperations: ['IAM.GenerateCredentialReport', 'IAM.ListVirtualMFADevices'],
    idSource: 'synthetic: arn:{partition}:iam::{account}:root-user',
  },
  {
    type: 'aws_iam_group',
    class: 'UserGroup',
    listOperation: AUTHORIZATION_DETAILS,
    idSource: 'GroupDetail.Arn',
  },
  {
    type: 'aws_iam_role',
    class: 'AccessRole',
    listOperation: AUTHORIZATION_DETAILS,
    idSource: 'RoleDetail.Arn',
  },
  {
    type: 'aws_iam_policy',
    class: 'AccessPolicy',
    listOperation: AUTHORIZATION_DETAILS,
    idSource: 'ManagedPolicyDetail.Arn (customer managed, and AWS managed when attached)',
  },
  inline('aws_iam_user_policy', 'user'),
  inline('aws_iam_group_policy', 'group'),
  inline('aws_iam_role_policy', 'role'),
  {
    type: 'aws_iam_instance_profile',
    class: 'AccessRole',
    listOperation: AUTHORIZATION_DETAILS,
    idSource: 'RoleDetail.InstanceProfileList[].Arn',
  },
  {
    type: 'aws_iam_server_certificate',
    class: 'Certificate',
    listOperation: 'IAM.ListServerCertificates',
    detailOperations: ['IAM.GetServerCertificate'],
    idSource: 'ServerCertificateMetadata.Arn',
  },
  {
    type: 'aws_iam_password_policy',
    class: 'Configuration',
    listOperation: 'IAM.GetAccountPasswordPolicy',
    idSource: 'synthetic: arn:{partition}:iam::{account}:account-password-policy',
  },
  {
    type: 'aws_iam_account_summary',
    class: 'Configuration',
    listOperation: 'IAM.GetAccountSummary',
    idSource: 'synthetic: arn:{partition}:iam::{account}:account-summary',
  },
];
