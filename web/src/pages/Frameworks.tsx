import { api } from '../api';
import { ErrorBox, Loading, percent } from '../components/common';
import { useLoad } from '../hooks';
import { type FrameworkSummary } from '../types';

export function Frameworks() {
  const frameworks = useLoad(() => api.get<{ items: FrameworkSummary[] }>('/frameworks'), []);
  return (
    <>
      <h1>Frameworks</h1>
      <ErrorBox error={frameworks.error} />
      {!frameworks.data && !frameworks.error && <Loading />}
      <table>
        <thead>
          <tr>
            <th scope="col">Framework</th>
            <th scope="col">Version</th>
            <th scope="col">Score</th>
            <th scope="col">Passed / evaluated</th>
          </tr>
        </thead>
        <tbody>
          {frameworks.data?.items.map((framework) => (
            <tr key={framework.id}>
              <td>
                <a href={`#/frameworks/${encodeURIComponent(framework.id)}`}>{framework.name}</a>
              </td>
              <td>{framework.version ?? '—'}</td>
              <td data-testid={`framework-score-${framework.id}`}>{percent(framework.score.score)}</td>
              <td>
                {framework.score.passed} / {framework.score.evaluated}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
