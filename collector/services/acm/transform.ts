// Pure transform: ListCertificates summary + DescribeCertificate's Certificate -> aws_acm_certificate.
import type { CertificateSummary } from '@aws-sdk/client-acm';
import type { Asset } from '../../../store/model';
import { type OutputOutcome, mergeDetail } from '../../read';
import { type Where, makeAsset, plainConfig } from '../../shape';

export interface CertificateRead {
  summary: CertificateSummary;
  /** DescribeCertificate's `Certificate`. */
  certificate: OutputOutcome;
}

/**
 * Example: {CertificateArn: "arn:aws:acm:r:a:certificate/1234...", DomainName: "shop.example.com", ...} +
 * {CertificateArn, DomainName, Type: "AMAZON_ISSUED", Status: "ISSUED", KeyAlgorithm: "RSA_2048", NotAfter: Date,
 * InUseBy: [...]} -> id the certificate ARN, name shop.example.com, config {CertificateArn, DomainName, Summary:
 * {...}, Certificate: {..., NotAfter: "2027-01-01T00:00:00.000Z"}}. DescribeCertificate refused:
 * readErrors.Certificate.
 */
export function certificateAsset(scope: Where, read: CertificateRead): Asset {
  const arn = read.summary.CertificateArn as string;
  const asset = makeAsset(scope, {
    id: arn,
    type: 'aws_acm_certificate',
    class: 'Certificate',
    name: read.summary.DomainName ?? arn,
    config: { CertificateArn: arn, DomainName: read.summary.DomainName, Summary: plainConfig(read.summary) },
  });
  mergeDetail(asset, 'Certificate', read.certificate, (value) => value);
  return asset;
}
