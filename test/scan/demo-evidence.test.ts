// Every finding of the demo estate reads as plain sentences a person can check: no condition-language path in a
// reason or an evidence line, the resource named, the engine's trace kept apart; and every failing finding's
// remediation is filled with the finding's own values (no `{{path}}` left).
import type { ScanFinding } from '../../api/export';
import { runScan } from '../../api/export/run-scan';
import { selectControls } from '../../api/export/select';
import { DEMO_ACCOUNTS, demoSyncOptions } from '../../demo';
import { loadControls } from '../../evaluator';

const NOW = new Date('2026-11-01T12:00:00Z');

/** What the condition language looks like: paths, list indices, operator words, quoted expectations. */
const CONDITION_LANGUAGE = [
  /\bconfig\.\w/,
  /\bfacts\.\w/,
  /\btags\.\w/,
  /\$\./,
  /\[\d+\]/,
  /matches any of/,
  /\b(anyOf|allOf|noneOf|countOf)\b/,
  /expected "/,
  /expected anything but/,
  /\{\{|\}\}/,
  /\(missing\)/,
  /^(Passed|Failed): /,
];

function conditionLanguageIn(text: string): RegExp | undefined {
  return CONDITION_LANGUAGE.find((pattern) => pattern.test(text));
}

const findings: ScanFinding[] = [];

beforeAll(async () => {
  const selected = selectControls(loadControls({ extraDirs: [] }), {});
  for (const account of DEMO_ACCOUNTS) {
    const sync = demoSyncOptions(account.awsAccountId, { now: NOW });
    const run = await runScan({
      target: {
        awsAccountId: account.awsAccountId,
        partition: 'aws',
        homeRegion: 'us-east-1',
        credentials: sync.credentials,
      },
      regions: account.regions,
      selected,
      version: 'test',
      clientConfig: sync.clientConfig,
      modules: sync.modules,
      now: () => NOW,
    });
    findings.push(...run.result.findings);
  }
}, 300_000);

const label = (finding: ScanFinding) => `${finding.controlId} ${finding.resourceArn}`;

/**
 * How a reader can find the resource: its name or id; a setting named after its region ("EBS default encryption
 * eu-west-1") by that region; an account-level setting (password policy, account public access block) by the account.
 */
function namesFor(finding: ScanFinding): string[] {
  const shortId = finding.resourceArn.split(/[/:]/).pop()!;
  const names = [finding.resourceId, shortId];
  if (finding.resourceId.includes(finding.region)) names.push(finding.region);
  if (/account/.test(shortId) || finding.resourceType.startsWith('aws_account'))
    names.push(finding.accountId);
  return names.filter(Boolean);
}

describe('demo findings in plain words', () => {
  it('covers both demo accounts with passing, failing and not-applicable findings', () => {
    expect(new Set(findings.map((finding) => finding.accountId))).toEqual(
      new Set(DEMO_ACCOUNTS.map((account) => account.awsAccountId)),
    );
    for (const status of ['pass', 'fail', 'not_applicable'] as const)
      expect(findings.filter((finding) => finding.status === status).length).toBeGreaterThan(10);
  });

  it('no reason or evidence line contains a condition-language path', () => {
    const offending = findings.flatMap((finding) =>
      [finding.reason, ...finding.evidence]
        .filter((line) => conditionLanguageIn(line))
        .map((line) => `${label(finding)}: ${line}`),
    );
    expect(offending).toEqual([]);
  });

  it('every reason is a sentence that names its resource, and heads the evidence', () => {
    const unnamed = findings.filter(
      (finding) =>
        !namesFor(finding).some((name) => [finding.reason, ...finding.evidence].join(' ').includes(name)),
    );
    expect(unnamed.map((finding) => `${label(finding)}: ${finding.reason}`)).toEqual([]);
    expect(findings.filter((finding) => finding.reason.trim().length < 10).map(label)).toEqual([]);
    // A reason longer than 400 characters is cut with an ellipsis (evaluator/engine/evaluate.ts): it must still be
    // the start of the full sentence that heads the evidence.
    const heads = (finding: (typeof findings)[number]) =>
      finding.evidence[0] === finding.reason ||
      (finding.reason.length === 400 &&
        finding.reason.endsWith('…') &&
        finding.evidence[0].startsWith(finding.reason.slice(0, -1)));
    expect(findings.filter((finding) => !heads(finding)).map(label)).toEqual([]);
  });

  it('keeps the condition trace beside the sentences for every decided finding', () => {
    const decided = findings.filter((finding) => finding.status === 'pass' || finding.status === 'fail');
    expect(decided.filter((finding) => finding.trace.length === 0).map(label)).toEqual([]);
    // The trace is the engine's own words: some of it is condition language, which is why it is kept apart.
    expect(decided.some((finding) => finding.trace.some((line) => conditionLanguageIn(line)))).toBe(true);
  });

  it("fills every failing finding's remediation with the finding's values", () => {
    const failing = findings.filter((finding) => finding.status === 'fail');
    const unfilled = failing.flatMap((finding) =>
      [finding.remediation?.cli, finding.remediation?.terraform, ...(finding.remediation?.console ?? [])]
        .filter((text): text is string => text !== undefined && text.includes('{{'))
        .map((text) => `${label(finding)}: ${text}`),
    );
    expect(unfilled).toEqual([]);
    expect(failing.filter((finding) => !finding.remediation).map(label)).toEqual([]);
  });

  it('gives no remediation where there is nothing to fix (passing and not-applicable findings)', () => {
    const settled = findings.filter(
      (finding) => finding.status === 'pass' || finding.status === 'not_applicable',
    );
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.filter((finding) => finding.remediation).map(label)).toEqual([]);
  });
});
