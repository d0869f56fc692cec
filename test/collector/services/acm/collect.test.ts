import {
  ACMClient,
  ACMServiceException,
  DescribeCertificateCommand,
  type DescribeCertificateCommandOutput,
  ExportCertificateCommand,
  GetCertificateCommand,
  ListCertificatesCommand,
  type ListCertificatesCommandOutput,
  ResourceNotFoundException,
} from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import { acmCollector } from '../../../../collector/services/acm';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '5d2c0f3e-0000-4000-8000-000000000001' };
const SHOP = 'arn:aws:acm:us-east-1:123456789012:certificate/8a4f2c1e-3b5d-4e6f-9a7b-0c1d2e3f4a5b';
const LEGACY = 'arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5c';
const ALL_KEY_TYPES = [
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
];

const page1: ListCertificatesCommandOutput = {
  $metadata,
  CertificateSummaryList: [
    {
      CertificateArn: SHOP,
      DomainName: 'shop.example.com',
      SubjectAlternativeNameSummaries: ['shop.example.com'],
      HasAdditionalSubjectAlternativeNames: false,
      Status: 'ISSUED',
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: 'EC_prime256v1',
      InUse: true,
      NotAfter: new Date('2027-03-01T23:59:59Z'),
    },
  ],
  NextToken: 'eyJDZXJ0aWZpY2F0ZUFybiI6ImFybjphd3M6YWNtOnVzLWVhc3QtMTo',
};
const page2: ListCertificatesCommandOutput = {
  $metadata,
  CertificateSummaryList: [
    { CertificateArn: LEGACY, DomainName: 'legacy.example.com', Status: 'ISSUED', Type: 'IMPORTED' },
  ],
};
const shopDetail: DescribeCertificateCommandOutput = {
  $metadata,
  Certificate: {
    CertificateArn: SHOP,
    DomainName: 'shop.example.com',
    SubjectAlternativeNames: ['shop.example.com'],
    Serial: '0a:1b:2c',
    Issuer: 'Amazon',
    CreatedAt: new Date('2026-02-01T10:00:00Z'),
    IssuedAt: new Date('2026-02-01T10:05:00Z'),
    Status: 'ISSUED',
    NotBefore: new Date('2026-02-01T00:00:00Z'),
    NotAfter: new Date('2027-03-01T23:59:59Z'),
    KeyAlgorithm: 'EC_prime256v1',
    SignatureAlgorithm: 'SHA256WITHECDSA',
    InUseBy: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188'],
    Type: 'AMAZON_ISSUED',
    RenewalEligibility: 'ELIGIBLE',
  },
};
const legacyDetail: DescribeCertificateCommandOutput = {
  $metadata,
  Certificate: {
    CertificateArn: LEGACY,
    DomainName: 'legacy.example.com',
    Status: 'ISSUED',
    NotAfter: new Date('2026-12-10T00:00:00Z'),
    KeyAlgorithm: 'RSA_1024',
    Type: 'IMPORTED',
    ImportedAt: new Date('2025-12-10T00:00:00Z'),
    InUseBy: [],
    RenewalEligibility: 'INELIGIBLE',
  },
};

const acm = mockClient(ACMClient);

function mockCertificates(): void {
  acm
    .on(ListCertificatesCommand)
    .resolves(page1)
    .on(ListCertificatesCommand, { NextToken: page1.NextToken })
    .resolves(page2);
  acm.on(DescribeCertificateCommand, { CertificateArn: SHOP }).resolves(shopDetail);
  acm.on(DescribeCertificateCommand, { CertificateArn: LEGACY }).resolves(legacyDetail);
}

beforeEach(() => acm.reset());

describe('acmCollector', () => {
  it('asks for every key type, follows NextToken and emits each certificate with its detail', async () => {
    mockCertificates();
    const run = testContext(acmCollector);
    await acmCollector.collect(run.ctx);
    const lists = acm.commandCalls(ListCertificatesCommand);
    expect(lists).toHaveLength(2);
    expect([...(lists[0].args[0].input.Includes?.keyTypes ?? [])].sort()).toEqual(ALL_KEY_TYPES);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name])).toEqual([
      ['aws_acm_certificate', 'Certificate', SHOP, 'shop.example.com'],
      ['aws_acm_certificate', 'Certificate', LEGACY, 'legacy.example.com'],
    ]);
    expect(run.assets[1].config.Certificate).toMatchObject({
      KeyAlgorithm: 'RSA_1024',
      Type: 'IMPORTED',
      NotAfter: '2026-12-10T00:00:00.000Z',
    });
    expect(run.assets[0].config.Summary).toMatchObject({ NotAfter: '2027-03-01T23:59:59.000Z' });
  });

  it('never reads a certificate body or private key', async () => {
    mockCertificates();
    const run = testContext(acmCollector);
    await acmCollector.collect(run.ctx);
    expect(acm.commandCalls(GetCertificateCommand)).toHaveLength(0);
    expect(acm.commandCalls(ExportCertificateCommand)).toHaveLength(0);
    expect(new Set(run.calls)).toEqual(new Set(['ACM.ListCertificates', 'ACM.DescribeCertificate']));
  });

  it('fails the unit with AWS code when ListCertificates is denied', async () => {
    acm.on(ListCertificatesCommand).rejects(
      new ACMServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'User is not authorized to perform: acm:ListCertificates',
      }),
    );
    const run = testContext(acmCollector);
    await expect(acmCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(run.assets).toEqual([]);
  });

  it('keeps a certificate whose detail is denied (readErrors.Certificate), drops one deleted since the list', async () => {
    mockCertificates();
    acm.on(DescribeCertificateCommand, { CertificateArn: SHOP }).rejects(
      new ACMServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'User is not authorized to perform: acm:DescribeCertificate',
      }),
    );
    acm.on(DescribeCertificateCommand, { CertificateArn: LEGACY }).rejects(
      new ResourceNotFoundException({
        message: `Could not find certificate ${LEGACY}.`,
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const run = testContext(acmCollector);
    await acmCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
      [SHOP, { Certificate: 'AccessDeniedException' }],
    ]);
  });

  it('makes no further calls in a region without certificates', async () => {
    acm.on(ListCertificatesCommand).resolves({ $metadata, CertificateSummaryList: [] });
    const run = testContext(acmCollector);
    await acmCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['ACM.ListCertificates']);
  });
});
