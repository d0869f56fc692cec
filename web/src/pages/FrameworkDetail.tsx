import { api } from '../api';
import { ErrorBox, Loading, percent } from '../components/common';
import { useLoad } from '../hooks';
import { frameworkLabel, type FrameworkDetail as Detail, type Requirement } from '../types';

export function FrameworkDetail({ id }: { id: string }) {
  const framework = useLoad(() => api.get<Detail>(`/frameworks/${encodeURIComponent(id)}`), [id]);
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
      </p>
      {sections.map((section) => {
        const requirements = data.requirements.filter(
          (requirement) => !section.id || requirement.section === section.id,
        );
        if (!requirements.length) return null;
        return (
          <details key={section.id || 'all'} open>
            <summary>
              <strong>
                {section.id} {section.title}
              </strong>
            </summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Requirement</th>
                  <th scope="col">Pass</th>
                  <th scope="col">Fail</th>
                  <th scope="col">N/A</th>
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

function RequirementRow({ frameworkId, requirement }: { frameworkId: string; requirement: Requirement }) {
  return (
    <tr>
      <td>{requirement.id}</td>
      <td>
        {requirement.title}
        {requirement.assessment === 'manual' && <span className="badge">manual</span>}
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
      <td>{percent(requirement.score)}</td>
    </tr>
  );
}
