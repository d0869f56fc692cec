import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Metadata only: GetCertificate / ExportCertificate (the certificate body and private key) are never called.
export const acmOperations: OperationDeclaration[] = [
  { api: 'ACM.ListCertificates', actions: ['acm:ListCertificates'] },
  { api: 'ACM.DescribeCertificate', actions: ['acm:DescribeCertificate'] },
];

export const acmResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_acm_certificate',
    class: 'Certificate',
    listOperation: 'ACM.ListCertificates',
    detailOperations: ['ACM.DescribeCertificate'],
    idSource: 'CertificateArn',
  },
];
