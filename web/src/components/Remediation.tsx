import { useState } from 'react';
import { CopyButton } from './common';
import { Tabs } from './Tabs';
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
      <Tabs
        label="How to fix it"
        tabs={tabs.map(([key, label]) => ({ key, label }))}
        active={active}
        onSelect={setActive}
      >
        {/* The tabpanel is the Tabs wrapper: an <ol> keeps its list role. */}
        {active === 'console' && remediation.console && (
          <ol>
            {remediation.console.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        )}
        {active === 'cli' && remediation.cli && (
          <>
            <pre tabIndex={0}>{remediation.cli}</pre>
            <CopyButton text={remediation.cli} />
          </>
        )}
        {active === 'terraform' && remediation.terraform && (
          <>
            <pre tabIndex={0}>{remediation.terraform}</pre>
            <CopyButton text={remediation.terraform} />
          </>
        )}
      </Tabs>
    </section>
  );
}
