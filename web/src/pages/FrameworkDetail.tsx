import { useState } from 'react';
import { api, download } from '../api';
import { ErrorBox, Loading, percent } from '../components/common';
import { useLoad } from '../hooks';
import {
  frameworkLabel,
  type FrameworkDetail as Detail,
  type FrameworkSection as Section,
  type Requirement,
} from '../types';

export function FrameworkDetail({ id }: { id: string }) {
  const framework = useLoad(() => api.get<Detail>(`/frameworks/${encodeURIComponent(id)}`), [id]);
  const [exportError, setExportError] = useState<unknown>();
  if (framework.error) return <ErrorBox error={framework.error} />;
  if (!framework.data) return <Loading what="framework" />;
  const data = framework.data;
  const sections = data.sections?.length ? data.sections : [{ id: '', title: 'Requirements' }];
  return (
    <>
      <p>
        <a href="#/frameworks">← Frameworks</a>
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
      {sections.map((section) => {
        const requirements = data.requirements.filter(
          (requirement) => !section.id || requirement.section === section.id,
        );
        const score = 'score' in section ? section.score : undefined;
        // a section holding only sub-sections (CSF's functions, PCI DSS's principal requirements) is a heading
        if (!requirements.length) {
          if (!score?.requirements) return null;
          return (
            <h2 key={section.id}>
              {section.id} {section.title} <SectionScore score={score} />
            </h2>
          );
        }
        return (
          <details key={section.id || 'all'} open>
            <summary>
              <strong>
                {section.id} {section.title}
              </strong>{' '}
              {score && <SectionScore score={score} />}
            </summary>
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
                {requirements.map((requirement) => (
                  <RequirementRow key={requirement.id} frameworkId={data.id} requirement={requirement} />
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
    </>
  );
}

function SectionScore({ score }: { score: NonNullable<Section['score']> }) {
  return (
    <span className="muted small">
      {score.evaluated > 0
        ? `${percent(score.score)} · ${score.passed} of ${score.evaluated} checks pass`
        : 'no checks evaluated'}
      {score.manual > 0 && ` · ${score.manual} manual`}
    </span>
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
