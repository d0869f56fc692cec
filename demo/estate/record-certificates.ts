// Records ACM for one demo region (certificate metadata, never bodies or keys). Production: the shop's
// ACM-issued certificate (RSA 2048, months to run) and an imported legacy certificate with an RSA 1024 key that
// expires in 10 days. Staging: an ACM-issued EC certificate whose renewal is stuck, 5 days from expiry.
// Certificates live in the first region; the others answer empty lists.
import type { CertificateDetail, CertificateSummary } from '@aws-sdk/client-acm';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

export function recordCertificates(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const certificate = (domain: string, fields: Partial<CertificateDetail>): CertificateDetail => {
    const id = stableHex([owner, domain], 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    return {
      CertificateArn: `arn:aws:acm:${region}:${owner}:certificate/${id}`,
      DomainName: domain,
      SubjectAlternativeNames: [domain],
      Status: 'ISSUED',
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: 'RSA_2048',
      SignatureAlgorithm: 'SHA256WITHRSA',
      InUseBy: [],
      ...fields,
    };
  };
  const certificates: CertificateDetail[] = [];
  if (regionIndex === 0 && ctx.account.kind === 'production')
    certificates.push(
      certificate('shop.example.com', {
        Issuer: 'Amazon',
        NotBefore: daysAgo(ctx.now, 100),
        NotAfter: daysAgo(ctx.now, -295),
        RenewalEligibility: 'ELIGIBLE',
      }),
      certificate('legacy.example.com', {
        Type: 'IMPORTED',
        Issuer: 'Example Legacy CA',
        KeyAlgorithm: 'RSA_1024',
        SignatureAlgorithm: 'SHA1WITHRSA',
        ImportedAt: daysAgo(ctx.now, 355),
        NotBefore: daysAgo(ctx.now, 355),
        NotAfter: daysAgo(ctx.now, -10),
        RenewalEligibility: 'INELIGIBLE',
      }),
    );
  if (regionIndex === 0 && ctx.account.kind === 'staging')
    certificates.push(
      certificate('staging.example.com', {
        Issuer: 'Amazon',
        KeyAlgorithm: 'EC_prime256v1',
        SignatureAlgorithm: 'SHA256WITHECDSA',
        NotBefore: daysAgo(ctx.now, 390),
        NotAfter: daysAgo(ctx.now, -5),
        RenewalEligibility: 'ELIGIBLE',
        RenewalSummary: {
          RenewalStatus: 'PENDING_VALIDATION',
          DomainValidationOptions: [
            { DomainName: 'staging.example.com', ValidationStatus: 'PENDING_VALIDATION' },
          ],
          UpdatedAt: daysAgo(ctx.now, 1),
        },
      }),
    );
  const summary = (detail: CertificateDetail): CertificateSummary => ({
    CertificateArn: detail.CertificateArn,
    DomainName: detail.DomainName,
    SubjectAlternativeNameSummaries: detail.SubjectAlternativeNames,
    HasAdditionalSubjectAlternativeNames: false,
    Status: detail.Status,
    Type: detail.Type,
    KeyAlgorithm: detail.KeyAlgorithm,
    InUse: (detail.InUseBy ?? []).length > 0,
    NotBefore: detail.NotBefore,
    NotAfter: detail.NotAfter,
  });
  // One certificate per page, so the demo follows ListCertificates' NextToken too.
  recording.paged('ACM', 'ListCertificates', region, {
    items: certificates.map(summary),
    itemsKey: 'CertificateSummaryList',
    pageSize: 1,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  for (const detail of certificates)
    recording.output(
      'ACM',
      'DescribeCertificate',
      region,
      { CertificateArn: detail.CertificateArn },
      { Certificate: detail },
    );
}
