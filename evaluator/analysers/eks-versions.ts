// EKS version analyser: where each cluster's Kubernetes minor version stands in Amazon EKS's release calendar
// (controls/calendars/eks-kubernetes-versions.yaml) on the evaluation's clock. Standard support, extended support only,
// past extended support, or unknown (version not collected, not a version, or newer than the calendar).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { builtinControlsDir } from '../controls/loader';
import type { Estate } from '../engine/estate';
import { shortId } from '../engine/values';

export interface EksCalendarEntry {
  /** Kubernetes minor version, e.g. `1.33`. */
  version: string;
  /** UTC days (YYYY-MM-DD). */
  eksRelease: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
}

export interface EksCalendar {
  /** When the file was last checked against AWS's calendar. */
  updated: string;
  /** Oldest first. */
  versions: EksCalendarEntry[];
}

export interface EksVersionFact {
  verdict: 'standard' | 'extended' | 'ended' | 'unknown';
  version?: string;
  eksRelease?: string;
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
  /** One sentence, first line of the evidence (what the control's messages show). */
  summary: string;
  evidence: string[];
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day, YYYY-MM-DD');
const calendarSchema = z.object({
  updated: day,
  versions: z
    .array(
      z.object({
        version: z.string().regex(/^1\.\d+$/, 'a Kubernetes minor version, 1.N'),
        eksRelease: day,
        derived: z.boolean().optional(),
        endOfStandardSupport: day,
        endOfExtendedSupport: day,
      }),
    )
    .min(1),
});

export const EKS_CALENDAR_FILE = path.join('calendars', 'eks-kubernetes-versions.yaml');

let cached: EksCalendar | undefined;

/** Reads and checks the calendar (once): sorted by minor version, no gaps, dates in order. */
export function loadEksCalendar(file = path.join(builtinControlsDir(), EKS_CALENDAR_FILE)): EksCalendar {
  const parsed = calendarSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const versions = [...parsed.data.versions].sort((a, b) => minor(a.version)! - minor(b.version)!);
  versions.forEach((entry, index) => {
    if (index > 0 && minor(entry.version)! !== minor(versions[index - 1].version)! + 1)
      throw new Error(`${file}: versions jump from ${versions[index - 1].version} to ${entry.version}`);
    if (!(
      entry.eksRelease < entry.endOfStandardSupport && entry.endOfStandardSupport < entry.endOfExtendedSupport
    ))
      throw new Error(
        `${file}: ${entry.version}: dates must be eksRelease < endOfStandardSupport < endOfExtendedSupport`,
      );
  });
  return {
    updated: parsed.data.updated,
    versions: versions.map(({ version, eksRelease, endOfStandardSupport, endOfExtendedSupport }) => ({
      version,
      eksRelease,
      endOfStandardSupport,
      endOfExtendedSupport,
    })),
  };
}

function defaultCalendar(): EksCalendar {
  return (cached ??= loadEksCalendar());
}

/** `1.33` / `1.33.2` / `v1.33` -> 33; anything else (another major, not a version) -> undefined. */
function minor(version: string): number | undefined {
  const match = /^v?1\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}

/** Start of a UTC day, as epoch milliseconds. */
function startOf(dayText: string): number {
  return Date.parse(`${dayText}T00:00:00Z`);
}

/** Where `rawVersion` stands on `now` (epoch ms). `name` names the cluster in the sentences. */
export function eksVersionSupport(
  name: string,
  rawVersion: unknown,
  now: number,
  calendar: EksCalendar = defaultCalendar(),
): EksVersionFact {
  const today = new Date(now).toISOString().slice(0, 10);
  const unknown = (summary: string): EksVersionFact => ({ verdict: 'unknown', summary, evidence: [summary] });
  if (typeof rawVersion !== 'string' || rawVersion.trim() === '')
    return unknown(`cluster ${name}: its Kubernetes version was not collected`);
  const wanted = minor(rawVersion);
  if (wanted === undefined)
    return unknown(`cluster ${name} reports Kubernetes version "${rawVersion}", which is not a 1.N version`);
  const version = `1.${wanted}`;
  const oldest = calendar.versions[0];
  const newest = calendar.versions[calendar.versions.length - 1];
  const calendarText = `Cloudward's copy of the EKS release calendar (${oldest.version} to ${newest.version}, updated ${calendar.updated})`;
  if (wanted > minor(newest.version)!)
    return unknown(
      `${calendarText} does not know Kubernetes ${version}: add it to controls/${EKS_CALENDAR_FILE.split(path.sep).join('/')} to judge cluster ${name}`,
    );
  if (wanted < minor(oldest.version)!) {
    const summary = `Kubernetes ${version} is older than ${oldest.version}, whose EKS extended support ended on ${oldest.endOfExtendedSupport}: no longer supported by EKS`;
    return { verdict: 'ended', version, summary, evidence: [summary, `evaluated on ${today}`] };
  }
  const entry = calendar.versions.find((candidate) => candidate.version === version);
  if (!entry) return unknown(`${calendarText} has no row for Kubernetes ${version}`);
  const dates = {
    version,
    eksRelease: entry.eksRelease,
    endOfStandardSupport: entry.endOfStandardSupport,
    endOfExtendedSupport: entry.endOfExtendedSupport,
  };
  const detail = `Kubernetes ${version}: released on EKS ${entry.eksRelease}, standard support until ${entry.endOfStandardSupport}, extended support until ${entry.endOfExtendedSupport}; evaluated on ${today}`;
  let verdict: EksVersionFact['verdict'];
  let summary: string;
  if (now < startOf(entry.endOfStandardSupport)) {
    verdict = 'standard';
    summary = `Kubernetes ${version} is in EKS standard support until ${entry.endOfStandardSupport}`;
  } else if (now < startOf(entry.endOfExtendedSupport)) {
    verdict = 'extended';
    summary = `Kubernetes ${version} left EKS standard support on ${entry.endOfStandardSupport} and is in extended support only (extra cost), which ends on ${entry.endOfExtendedSupport}`;
  } else {
    verdict = 'ended';
    summary = `Kubernetes ${version} is past the end of EKS extended support (${entry.endOfExtendedSupport}): no longer supported by EKS`;
  }
  return { verdict, ...dates, summary, evidence: [summary, detail] };
}

/** Asset.id -> fact for every EKS cluster. */
export function analyseEksVersions(
  estate: Estate,
  options: { now: Date; calendar?: EksCalendar },
): Map<string, EksVersionFact> {
  const facts = new Map<string, EksVersionFact>();
  for (const asset of estate.allOfType('aws_eks_cluster')) {
    const c = ((asset.config as Record<string, unknown>).Cluster ?? asset.config) as Record<string, unknown>;
    const name = typeof c.name === 'string' ? c.name : asset.name || shortId(asset.id);
    facts.set(asset.id, eksVersionSupport(name, c.version, options.now.getTime(), options.calendar));
  }
  return facts;
}
