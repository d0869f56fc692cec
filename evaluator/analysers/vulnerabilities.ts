// Vulnerabilities in context: ECR image scan findings tied to the workloads that run the image (ECS services through
// their task definition's containers, Lambda functions packaged as images), and split by that workload's exposure
// (the exposure analyser's verdict). A critical CVE on a service the internet reaches is an emergency; the same CVE
// on a private one is backlog, and the evidence says why it is not exploitable from the internet.
import type { Estate } from '../engine/estate';
import { shortId } from '../engine/values';
import type { EvalAsset } from '../types';
import type { ExposureFact } from './exposure';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

/** The severities that make an image vulnerable here (ECR's basic and enhanced scanning both use them). */
const SERIOUS = ['CRITICAL', 'HIGH'];
/** CVE ids named per image in the evidence (the count says how many more there are). */
const MAX_NAMED = 5;

/** One image a workload runs, with what its scan found. */
export interface RunImage {
  /** The reference the workload names (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`). */
  uri: string;
  /** The aws_ecr_image asset, when collected. */
  imageId?: string;
  critical: number;
  high: number;
  /** CRITICAL/HIGH vulnerability ids with severity, most severe first (only where the findings were read). */
  cves: { id: string; severity: string; package?: string; exploitAvailable?: boolean }[];
  /** Why its findings are not known (not collected, never scanned). */
  unknown?: string;
}

/** `facts.vulnerabilities`, on ECS services and Lambda functions that run ECR images (see controls/LANGUAGE.md). */
export interface VulnerabilityFacts {
  images: RunImage[];
  /** It runs an image with CRITICAL or HIGH findings and the internet reaches it. */
  exposed: boolean;
  exposedEvidence: string[];
  /** It runs an image with CRITICAL or HIGH findings and the internet does not reach it. */
  internal: boolean;
  internalEvidence: string[];
  unknown?: Partial<Record<'exposed' | 'internal', string>>;
}

interface ImageRef {
  accountId: string;
  region: string;
  repository: string;
  tag?: string;
  digest?: string;
  partition: string;
}

/** `1234.dkr.ecr.eu-west-1.amazonaws.com/team/web:v2` or `...@sha256:..`; undefined for images outside ECR. */
export function parseEcrImage(uri: string): ImageRef | undefined {
  const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/(.+)$/.exec(uri.trim());
  if (!match) return undefined;
  let rest = match[4];
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return {
    accountId: match[1],
    region: match[2],
    repository: rest,
    // A reference with neither tag nor digest pulls `latest`, as docker does.
    tag: tag ?? (digest ? undefined : 'latest'),
    digest,
    partition: match[3] ? 'aws-cn' : 'aws',
  };
}

/** The image references a workload runs, or undefined when it runs no container image. */
function imageUris(estate: Estate, workload: EvalAsset): { uris: string[]; unknown?: string } | undefined {
  const c = workload.config as Config;
  if (workload.type === 'aws_lambda_function') {
    if (c.PackageType !== 'Image') return undefined;
    // ResolvedImageUri pins the digest the function really runs; ImageUri may name a tag pushed over since.
    const uri: string | undefined = c.Code?.ResolvedImageUri ?? c.Code?.ImageUri;
    // Only GetFunction names the image, and it also hands out the code (a data-access action the read-only role
    // never gets): a function whose image is not known is not judged, rather than an error on every scan.
    return uri ? { uris: [uri] } : undefined;
  }
  const taskDefinitionArn: string | undefined = c.taskDefinition;
  if (!taskDefinitionArn) return undefined;
  const taskDefinition = estate.get(taskDefinitionArn);
  if (!taskDefinition)
    return {
      uris: [],
      unknown: `task definition ${shortId(taskDefinitionArn)} of service ${workload.name} was not collected`,
    };
  const uris = ((taskDefinition.config as Config).containerDefinitions ?? [])
    .map((container: Config) => container.image)
    .filter((image: unknown): image is string => typeof image === 'string');
  return { uris: [...new Set<string>(uris)] };
}

function severityCounts(image: EvalAsset): Record<string, number> | undefined {
  const c = image.config as Config;
  return (
    c.ImageScanFindings?.imageScanFindings?.findingSeverityCounts ??
    c.imageScanFindingsSummary?.findingSeverityCounts
  );
}

/** CRITICAL and HIGH ids from basic (`findings`) and enhanced (`enhancedFindings`) scanning. */
function seriousFindings(image: EvalAsset): RunImage['cves'] {
  const findings: Config = (image.config as Config).ImageScanFindings?.imageScanFindings ?? {};
  const out: RunImage['cves'] = [];
  for (const finding of (findings.findings ?? []) as Config[]) {
    if (!SERIOUS.includes(finding.severity) || !finding.name) continue;
    const pkg = (finding.attributes ?? []).find((a: Config) => a.key === 'package_name')?.value;
    out.push({ id: finding.name, severity: finding.severity, ...(pkg ? { package: pkg } : {}) });
  }
  for (const finding of (findings.enhancedFindings ?? []) as Config[]) {
    const details: Config = finding.packageVulnerabilityDetails ?? {};
    const id: string | undefined = details.vulnerabilityId ?? finding.title;
    if (!SERIOUS.includes(finding.severity) || !id) continue;
    const pkg = details.vulnerablePackages?.[0]?.name;
    out.push({
      id,
      severity: finding.severity,
      ...(pkg ? { package: pkg } : {}),
      ...(finding.exploitAvailable ? { exploitAvailable: finding.exploitAvailable === 'YES' } : {}),
    });
  }
  const unique = new Map(out.map((cve) => [cve.id, cve]));
  return [...unique.values()].sort(
    (a, b) => SERIOUS.indexOf(a.severity) - SERIOUS.indexOf(b.severity) || a.id.localeCompare(b.id),
  );
}

/** Images collected per repository ARN. */
class ImageIndex {
  private readonly byRepository = new Map<string, EvalAsset[]>();
  constructor(private readonly estate: Estate) {
    for (const image of estate.allOfType('aws_ecr_image')) {
      const repositoryArn = image.id.slice(0, image.id.indexOf('/image/'));
      this.byRepository.set(repositoryArn, [...(this.byRepository.get(repositoryArn) ?? []), image]);
    }
  }

  resolve(uri: string): RunImage | undefined {
    const ref = parseEcrImage(uri);
    if (!ref) return undefined;
    const base: RunImage = { uri, critical: 0, high: 0, cves: [] };
    const repositoryArn = `arn:${ref.partition}:ecr:${ref.region}:${ref.accountId}:repository/${ref.repository}`;
    if (!this.estate.get(repositoryArn)) {
      const unread = this.estate.unreadType(ref.accountId, 'aws_ecr_repository', ref.region)[0];
      return {
        ...base,
        unknown: `repository ${ref.repository} (${repositoryArn}) was not collected${unread ? ` (${unread.code})` : ''}`,
      };
    }
    const image = (this.byRepository.get(repositoryArn) ?? []).find((candidate) => {
      const c = candidate.config as Config;
      return ref.digest ? c.imageDigest === ref.digest : (c.imageTags ?? []).includes(ref.tag);
    });
    if (!image)
      return {
        ...base,
        unknown: `image ${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag}`} is not among the images collected of repository ${ref.repository}`,
      };
    const counts = severityCounts(image);
    if (!counts) {
      const code = image.readErrors?.ImageScanFindings;
      const status = (image.config as Config).imageScanStatus?.status;
      return {
        ...base,
        imageId: image.id,
        unknown: code
          ? `the scan findings of image ${image.name} could not be read (${code})`
          : `image ${image.name} has no scan results${status ? ` (scan status ${status})` : ' (never scanned)'}`,
      };
    }
    return {
      ...base,
      imageId: image.id,
      critical: Number(counts.CRITICAL ?? 0),
      high: Number(counts.HIGH ?? 0),
      cves: seriousFindings(image),
    };
  }
}

function describeWorkload(workload: EvalAsset): string {
  const c = workload.config as Config;
  return workload.type === 'aws_lambda_function'
    ? `function ${c.FunctionName ?? workload.name} (${workload.id})`
    : `ECS service ${c.serviceName ?? workload.name} (${workload.id})`;
}

/** `image web:v2 (1 critical, 3 high: CVE-1 CRITICAL in openssh, ...)`. */
export function describeImage(image: RunImage): string {
  const named = image.cves
    .slice(0, MAX_NAMED)
    .map(
      (cve) =>
        `${cve.id} ${cve.severity}${cve.package ? ` in ${cve.package}` : ''}${cve.exploitAvailable ? ', exploit available' : ''}`,
    );
  const more = image.cves.length > MAX_NAMED ? `, and ${image.cves.length - MAX_NAMED} more` : '';
  const counts = `${image.critical} critical, ${image.high} high`;
  const ids = named.length
    ? `: ${named.join(', ')}${more}`
    : ' (the findings list was read for the newest image only)';
  return `image ${image.uri} (${counts}${ids})`;
}

function analyseWorkload(
  estate: Estate,
  images: ImageIndex,
  workload: EvalAsset,
  exposure: ExposureFact | undefined,
): VulnerabilityFacts | undefined {
  const refs = imageUris(estate, workload);
  if (!refs) return undefined;
  const resolved = refs.uris.map((uri) => images.resolve(uri)).filter((i): i is RunImage => !!i);
  // Only images outside ECR (Docker Hub, public.ecr.aws): nothing here scans them.
  if (resolved.length === 0 && !refs.unknown) return undefined;
  const who = describeWorkload(workload);
  const vulnerable = resolved.filter((image) => !image.unknown && image.critical + image.high > 0);
  const undecided = [...(refs.unknown ? [refs.unknown] : []), ...resolved.flatMap((i) => i.unknown ?? [])];
  const facts: VulnerabilityFacts = {
    images: resolved,
    exposed: false,
    exposedEvidence: [],
    internal: false,
    internalEvidence: [],
  };
  const clean = `${who} runs no image with critical or high findings (${resolved.map((i) => `${i.uri}: ${i.critical} critical, ${i.high} high`).join('; ')})`;
  if (vulnerable.length === 0) {
    if (undecided.length) {
      const reason = `${who}: ${undecided.join('; ')}`;
      facts.unknown = { exposed: reason, internal: reason };
      facts.exposedEvidence = facts.internalEvidence = [`unknown: ${reason}`];
      return facts;
    }
    facts.exposedEvidence = facts.internalEvidence = [`${clean}.`];
    return facts;
  }
  const what = vulnerable.map(describeImage).join('; ');
  if (!exposure || exposure.verdict === 'unknown') {
    const reason = `${who} runs ${what}, but whether the internet reaches it is not known (${exposure?.evidence[0]?.replace(/^unknown: /, '') ?? 'no exposure verdict'})`;
    facts.unknown = { exposed: reason, internal: reason };
    facts.exposedEvidence = facts.internalEvidence = [`unknown: ${reason}`];
    return facts;
  }
  if (exposure.verdict === 'exposed') {
    facts.exposed = true;
    facts.exposedEvidence = [
      `Exploitable from the internet: ${exposure.paths[0] ?? 'internet'} reaches ${who}, which runs ${what}.`,
      ...exposure.evidence,
    ];
    facts.internalEvidence = [`${who} is reachable from the internet: see the exposed-workload finding.`];
  } else {
    facts.internal = true;
    const why = (exposure.evidence[0] ?? 'not exposed').replace(/^not exposed: /, '');
    facts.internalEvidence = [
      `${who} runs ${what}; ${why.startsWith('not exploitable') ? why : `not exploitable from the internet: ${why}`}.`,
      ...exposure.evidence.slice(1),
    ];
    facts.exposedEvidence = [`${who} runs ${what}, but the internet does not reach it (${why}).`];
  }
  return facts;
}

/** Asset.id -> vulnerability facts for every ECS service and Lambda function that runs an ECR image. */
export function analyseVulnerabilities(
  estate: Estate,
  facts: Map<string, Record<string, unknown>>,
): Map<string, VulnerabilityFacts> {
  const images = new ImageIndex(estate);
  const out = new Map<string, VulnerabilityFacts>();
  for (const type of ['aws_ecs_service', 'aws_lambda_function'])
    for (const workload of estate.allOfType(type)) {
      const exposure = facts.get(workload.id)?.exposure as ExposureFact | undefined;
      const result = analyseWorkload(estate, images, workload, exposure);
      if (result) out.set(workload.id, result);
    }
  return out;
}
