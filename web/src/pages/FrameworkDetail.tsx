import { useState } from 'react';
import { api, download, type Page } from '../api';
import { ResultDonut, SectionBarChart, preloadCharts } from '../components/LazyCharts';
import { ErrorBox, Loading, percent } from '../components/common';
import { useLoad } from '../hooks';
import { frameworkLabel, type Account, type FrameworkDetail as Detail, type Requirement } from '../types';

interface SectionNode {
  id: string;
  title: string;
  children: SectionNode[];
  requirements: Requirement[];
  /** Counts over the section's requirements and every subsection's. */
  totals: { pass: number; fail: number; notApplicable: number; error: number };
}

// recharts starts loading with this page, beside its API calls rather than after them.
preloadCharts();

/**
 * Sections as a tree: "2.1" sits under "2" when both exist (CIS numbers its sections that way); requirements
 * go to their own section, or to "Other requirements" when they name none the framework lists.
 */
export function sectionTree(
  sections: { id: string; title: string }[],
  requirements: Requirement[],
): SectionNode[] {
  const nodes = new Map<string, SectionNode>();
  for (const section of sections)
    nodes.set(section.id, {
      ...section,
      children: [],
      requirements: [],
      totals: { pass: 0, fail: 0, notApplicable: 0, error: 0 },
    });
  const roots: SectionNode[] = [];
  for (const section of sections) {
    const parent = sections
      .filter((candidate) => candidate.id !== section.id && section.id.startsWith(`${candidate.id}.`))
      .sort((a, b) => b.id.length - a.id.length)[0];
    (parent ? nodes.get(parent.id)!.children : roots).push(nodes.get(section.id)!);
  }
  const other: SectionNode = {
    id: '',
    title: sections.length ? 'Other requirements' : 'Requirements',
    children: [],
    requirements: [],
    totals: { pass: 0, fail: 0, notApplicable: 0, error: 0 },
  };
  for (const requirement of requirements) {
    const home = requirement.section !== undefined ? nodes.get(requirement.section) : undefined;
    (home ?? other).requirements.push(requirement);
  }
  if (other.requirements.length) roots.push(other);
  const total = (node: SectionNode): SectionNode['totals'] => {
    const sum = { pass: 0, fail: 0, notApplicable: 0, error: 0 };
    for (const requirement of node.requirements) {
      sum.pass += requirement.pass ?? 0;
      sum.fail += requirement.fail ?? 0;
      sum.notApplicable += requirement.notApplicable ?? 0;
      sum.error += requirement.error ?? 0;
    }
    for (const child of node.children) {
      const childSum = total(child);
      sum.pass += childSum.pass;
      sum.fail += childSum.fail;
      sum.notApplicable += childSum.notApplicable;
      sum.error += childSum.error;
    }
    node.totals = sum;
    return sum;
  };
  roots.forEach(total);
  return roots;
}

export function FrameworkDetail({ id }: { id: string }) {
  const framework = useLoad(() => api.get<Detail>(`/frameworks/${encodeURIComponent(id)}`), [id]);
  // For the printed report: which accounts the scores cover.
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 500 }), []);
  const [exportError, setExportError] = useState<unknown>();
  if (framework.error) return <ErrorBox error={framework.error} />;
  if (!framework.data) return <Loading what="framework" />;
  const data = framework.data;
  const tree = sectionTree(data.sections ?? [], data.requirements);
  return (
    <>
      <p className="no-print">
        <a href="#/frameworks">← Frameworks</a>
      </p>
      <p className="print-only report-heading" data-testid="report-heading">
        Compliance report · generated {new Date().toLocaleString()} · accounts covered:{' '}
        {accounts.data
          ? accounts.data.items.map((account) => `${account.name} (${account.awsAccountId})`).join(', ') ||
            'none'
          : '…'}
      </p>
      <h1>
        {frameworkLabel(data)} <span className="muted">{percent(data.score.score)}</span>
      </h1>
      {data.description && <p>{data.description}</p>}
      <p>
        {data.score.passed} of {data.score.evaluated} evaluated checks pass · {data.score.fail} failing ·{' '}
        {data.score.notApplicable} not applicable
        {data.score.error > 0 && (
          <>
            {' '}
            · <strong>{data.score.error} could not be evaluated</strong> (see the Error column)
          </>
        )}
      </p>
      <div className="toolbar no-print">
        <a className="button" href={`#/alerts?status=open&framework=${encodeURIComponent(data.id)}`}>
          Open alerts
        </a>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            download(
              '/reports/alerts/export',
              { framework: data.id, format: 'csv' },
              `${data.id}-alerts.csv`,
            ).catch(setExportError)
          }
        >
          Export its alerts (CSV)
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print / save as PDF
        </button>
      </div>
      <ErrorBox error={exportError} />
      <div className="framework-charts">
        <ResultDonut
          pass={data.score.pass}
          fail={data.score.fail}
          error={data.score.error}
          notApplicable={data.score.notApplicable}
        />
        <section aria-labelledby="by-section" className="grow">
          <h2 id="by-section">Compliance by section</h2>
          <SectionBarChart
            sections={tree.map((node) => ({
              id: node.id,
              title: node.title,
              pass: node.totals.pass,
              fail: node.totals.fail,
            }))}
          />
        </section>
      </div>
      <h2>Requirements</h2>
      {tree.map((node) => (
        <SectionView key={node.id || 'other'} node={node} frameworkId={data.id} depth={0} />
      ))}
    </>
  );
}

function SectionView({
  node,
  frameworkId,
  depth,
}: {
  node: SectionNode;
  frameworkId: string;
  depth: number;
}) {
  const judged = node.totals.pass + node.totals.fail;
  const score = judged > 0 ? node.totals.pass / judged : null;
  return (
    <details open className={`section depth-${depth}`} data-testid={`section-${node.id || 'other'}`}>
      <summary>
        <strong>
          {node.id} {node.title}
        </strong>
        <span className="section-meter" aria-hidden="true">
          <span style={{ width: `${Math.round((score ?? 0) * 100)}%` }} />
        </span>
        <span className="small">
          {percent(score)} · {node.totals.pass} of {judged} checks pass
          {node.totals.error > 0 ? ` · ${node.totals.error} could not be evaluated` : ''}
        </span>
      </summary>
      {node.children.map((child) => (
        <SectionView key={child.id} node={child} frameworkId={frameworkId} depth={depth + 1} />
      ))}
      {node.requirements.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Requirement</th>
              <th scope="col">Pass</th>
              <th scope="col">Fail</th>
              <th scope="col">N/A</th>
              <th scope="col">
                <abbr title="Could not be evaluated">Error</abbr>
              </th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {node.requirements.map((requirement) => (
              <RequirementRow key={requirement.id} frameworkId={frameworkId} requirement={requirement} />
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function RequirementRow({ frameworkId, requirement }: { frameworkId: string; requirement: Requirement }) {
  return (
    <tr>
      <td>{requirement.id}</td>
      <td>
        {requirement.title}
        {requirement.assessment === 'manual' && (
          <>
            {' '}
            <span className="badge" title="Checked by a person, not by Cloudward">
              manual
            </span>
          </>
        )}
        <div className="small">
          {requirement.controls.map((control) => (
            <a key={control} href={`#/controls/${encodeURIComponent(control)}`} className="chip">
              {control}
            </a>
          ))}
        </div>
      </td>
      <td>{requirement.pass ?? 0}</td>
      <td>
        {requirement.fail ? (
          <a
            href={`#/alerts?status=open&framework=${encodeURIComponent(frameworkId)}&requirement=${encodeURIComponent(requirement.id)}`}
          >
            {requirement.fail}
          </a>
        ) : (
          0
        )}
      </td>
      <td>{requirement.notApplicable ?? 0}</td>
      <td>{requirement.error ? <strong>{requirement.error}</strong> : 0}</td>
      <td>{percent(requirement.score)}</td>
    </tr>
  );
}
