// ACM (regional): every certificate, whatever its key algorithm, with DescribeCertificate's detail (expiry, key
// algorithm, type, where it is in use). Never GetCertificate or ExportCertificate.
import {
  ACMClient,
  type CertificateSummary,
  DescribeCertificateCommand,
  KeyAlgorithm,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import type { CollectContext, CollectorModule } from '../../types';
import { isGone, readOutput, whereOf } from '../../read';
import { acmOperations, acmResourceTypes } from './declarations';
import { certificateAsset, type CertificateRead } from './transform';

export const acmCollector: CollectorModule = {
  service: 'acm',
  scope: 'regional',
  resourceTypes: acmResourceTypes,
  operations: acmOperations,
  collect: collectAcm,
};

/** A certificate deleted since ListCertificates. */
const CERTIFICATE_GONE = ['ResourceNotFoundException'];

async function collectAcm(ctx: CollectContext): Promise<void> {
  const client = ctx.client(ACMClient);
  const scope = whereOf(ctx, acmCollector.service);
  // Without Includes.keyTypes ListCertificates returns RSA_1024 and RSA_2048 certificates only (AWS's documented
  // default): every key type is asked for, so RSA_4096 and EC certificates are not missed.
  const summaries: CertificateSummary[] = [];
  for await (const page of paginateListCertificates(
    { client },
    { MaxItems: 1000, Includes: { keyTypes: Object.values(KeyAlgorithm) } },
  ))
    for (const summary of page.CertificateSummaryList ?? [])
      if (summary.CertificateArn) summaries.push(summary);
  if (summaries.length === 0) return;
  const reads = await ctx.mapLimit(summaries, async (summary): Promise<CertificateRead> => ({
    summary,
    certificate: await readOutput(async () => {
      const output = await client.send(
        new DescribeCertificateCommand({ CertificateArn: summary.CertificateArn }),
      );
      return output.Certificate ?? {};
    }),
  }));
  const assets = reads
    .filter((read) => !isGone(read.certificate, CERTIFICATE_GONE))
    .map((read) => certificateAsset(scope, read));
  await ctx.emit({ assets });
}
