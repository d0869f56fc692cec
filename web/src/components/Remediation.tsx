import { useState } from 'react';
import { CopyButton } from './common';
import type { Remediation as RemediationData } from '../types';

export function Remediation({ remediation }: { remediation: RemediationData }) {
  const tabs = (
    [
      ['console', 'Console', remediation.console?.length ? remediation.console : undefined],
      ['cli', 'CLI', remediation.cli],
      ['terraform', 'Terraform', remediation.terraform],
    ] as const
  ).filter(([, , value]) => value);
  const [active, setActive] = useState<string>(tabs[0]?.[0] ?? 'console');
  if (!tabs.length) return null;
  return (
    <section aria-labelledby="remediation">
      <h2 id="remediation">Remediation</h2>
      <div role="tablist" className="tabs">
        {tabs.map(([key, label]) => (
          <button
            key={key}
            role="tab"
            type="button"
            aria-selected={active === key}
            onClick={() => setActive(key)}
          >
            {label}
          </button>
        ))}
      </div>
      {active === 'console' && remediation.console && (
        <ol role="tabpanel">
          {remediation.console.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      )}
      {active === 'cli' && remediation.cli && (
        <div role="tabpanel">
          <pre>{remediation.cli}</pre>
          <CopyButton text={remediation.cli} />
        </div>
      )}
      {active === 'terraform' && remediation.terraform && (
        <div role="tabpanel">
          <pre>{remediation.terraform}</pre>
          <CopyButton text={remediation.terraform} />
        </div>
      )}
    </section>
  );
}
