import { useEffect, useState } from 'react';
import { api, saveBlob } from '../api';
import { CopyButton, ErrorBox, Field, ProgressBar, StatusBadge } from '../components/common';
import { RegionPicker } from '../components/RegionPicker';
import { useInterval, useLoad } from '../hooks';
import type { Account, Sync } from '../types';

interface Preview {
  trustPolicy: unknown;
  permissionsPolicy: unknown;
  managedPolicies?: string[];
  steps?: string;
  terraform?: string;
  cloudformation?: string;
  roleName?: string;
}

const STEPS = ['Name', 'Create the role', 'Regions', 'Connect'];
const EXTERNAL_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function generateExternalId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => EXTERNAL_ID_ALPHABET[byte % EXTERNAL_ID_ALPHABET.length]).join('');
}

export function AddAccount() {
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [awsAccountId, setAwsAccountId] = useState('');
  const [externalId, setExternalId] = useState(generateExternalId);
  const [roleArn, setRoleArn] = useState('');
  const [regions, setRegions] = useState<string[] | null>(null);
  const allRegions = useLoad(() => api.get<{ items: { name: string }[] }>('/regions'), []);
  useEffect(() => {
    if (regions === null && allRegions.data) setRegions(allRegions.data.items.map((region) => region.name));
  }, [allRegions.data, regions]);

  const accountIdValid = /^\d{12}$/.test(awsAccountId);
  return (
    <>
      <p>
        <a href="#/accounts">← Accounts</a>
      </p>
      <h1>Add an AWS account</h1>
      <ol className="wizard-steps" aria-label="Steps">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index === step ? 'step' : undefined}
            className={index < step ? 'done' : ''}
          >
            {index + 1}. {label}
          </li>
        ))}
      </ol>
      {step === 0 && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (!roleArn) setRoleArn(`arn:aws:iam::${awsAccountId}:role/CloudwardReadOnly`);
            setStep(1);
          }}
        >
          <Field label="Name" hint="How this account is shown in Cloudward.">
            <input value={name} onChange={(event) => setName(event.target.value)} required />
          </Field>
          <Field label="AWS account ID" hint="12 digits.">
            <input
              value={awsAccountId}
              onChange={(event) => setAwsAccountId(event.target.value.trim())}
              inputMode="numeric"
              pattern="\d{12}"
              required
            />
          </Field>
          <Field
            label="External ID"
            hint="Pre-filled with a random value; change it only to reuse an existing role."
          >
            <input value={externalId} onChange={(event) => setExternalId(event.target.value)} required />
          </Field>
          <button type="submit" disabled={!name.trim() || !accountIdValid || !externalId}>
            Next
          </button>
        </form>
      )}
      {step === 1 && (
        <RoleStep
          awsAccountId={awsAccountId}
          externalId={externalId}
          regions={regions ?? []}
          roleArn={roleArn}
          setRoleArn={setRoleArn}
          onBack={() => setStep(0)}
          onNext={() => setStep(2)}
        />
      )}
      {step === 2 && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            setStep(3);
          }}
        >
          <p className="muted">
            All regions are selected by default. Global assets (IAM, S3 buckets, Organizations) are read once
            per account whatever you pick.
          </p>
          <RegionPicker value={regions ?? []} onChange={setRegions} />
          <div className="toolbar">
            <button type="button" className="secondary" onClick={() => setStep(1)}>
              Back
            </button>
            <button type="submit" disabled={!regions?.length}>
              Next
            </button>
          </div>
        </form>
      )}
      {step === 3 && (
        <ConnectStep
          input={{ name: name.trim(), awsAccountId, roleArn, externalId, regions: regions ?? [] }}
          onBack={() => setStep(2)}
        />
      )}
    </>
  );
}

function RoleStep(props: {
  awsAccountId: string;
  externalId: string;
  regions: string[];
  roleArn: string;
  setRoleArn: (value: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const [tab, setTab] = useState<'terraform' | 'cloudformation' | 'json'>('terraform');
  const preview = useLoad(
    () =>
      api.get<Preview>('/onboarding/preview', {
        accountId: props.awsAccountId,
        externalId: props.externalId,
        regions: props.regions,
      }),
    [props.awsAccountId, props.externalId, props.regions.join(',')],
  );
  const data = preview.data;
  const trust = data ? JSON.stringify(data.trustPolicy, null, 2) : '';
  const permissions = data ? JSON.stringify(data.permissionsPolicy, null, 2) : '';
  return (
    <div className="stack">
      <p>
        Create a read-only role in account {props.awsAccountId} that Cloudward can assume with your external
        ID. It gets the AWS-managed <code>SecurityAudit</code> policy plus a small read-only policy for what
        SecurityAudit lacks; no data access.
      </p>
      <div role="tablist" className="tabs" aria-label="How to create the role">
        {(
          [
            ['terraform', 'Terraform'],
            ['cloudformation', 'CloudFormation'],
            ['json', 'Manual'],
          ] as const
        ).map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>
      <ErrorBox error={preview.error} />
      {data && tab === 'terraform' && (
        <div role="tabpanel">
          <p>
            Save as <code>cdk.tf.json</code> in an empty folder, then run{' '}
            <code>terraform init && terraform apply</code> (OpenTofu works too).
          </p>
          {data.terraform && (
            <>
              <pre className="code">{data.terraform}</pre>
              <div className="toolbar">
                <CopyButton text={data.terraform} />
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    saveBlob(new Blob([data.terraform!], { type: 'application/json' }), 'cdk.tf.json')
                  }
                >
                  Download cdk.tf.json
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {data && tab === 'cloudformation' && (
        <div role="tabpanel">
          <p>Create a stack from this template; copy the RoleArn output below.</p>
          {data.cloudformation && (
            <>
              <pre className="code">{data.cloudformation}</pre>
              <div className="toolbar">
                <CopyButton text={data.cloudformation} />
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    saveBlob(new Blob([data.cloudformation!], { type: 'text/yaml' }), 'cloudward-role.yaml')
                  }
                >
                  Download template
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {data && tab === 'json' && (
        <div role="tabpanel">
          <h3>Trust policy</h3>
          <pre className="code">{trust}</pre>
          <CopyButton text={trust} label="Copy trust policy" />
          <h3>Permissions policy</h3>
          <pre className="code">{permissions}</pre>
          <CopyButton text={permissions} label="Copy permissions policy" />
          {data.steps && (
            <>
              <h3>Steps</h3>
              <pre className="code">{data.steps}</pre>
              <CopyButton text={data.steps} label="Copy steps" />
            </>
          )}
        </div>
      )}
      <Field label="Role ARN (from the output)">
        <input
          value={props.roleArn}
          onChange={(event) => props.setRoleArn(event.target.value.trim())}
          required
        />
      </Field>
      <div className="toolbar">
        <button type="button" className="secondary" onClick={props.onBack}>
          Back
        </button>
        <button type="button" onClick={props.onNext} disabled={!props.roleArn}>
          Next
        </button>
      </div>
    </div>
  );
}

function ConnectStep({
  input,
  onBack,
}: {
  input: { name: string; awsAccountId: string; roleArn: string; externalId: string; regions: string[] };
  onBack: () => void;
}) {
  const [account, setAccount] = useState<Account>();
  const [connection, setConnection] = useState<{
    ok: boolean;
    callerArn?: string;
    errorCode?: string;
    message?: string;
  }>();
  const [sync, setSync] = useState<Sync>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function connect() {
    setBusy(true);
    setError(undefined);
    try {
      const created = account ?? (await api.post<Account>('/accounts', input));
      setAccount(created);
      const tested = await api.post<typeof connection>(`/accounts/${created.id}/test-connection`);
      setConnection(tested);
      if (tested?.ok) await startSync(created.id);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  async function startSync(accountId: string) {
    const started = await api.post<{ syncId: string }>(`/accounts/${accountId}/sync`);
    setSync(await api.get<Sync>(`/syncs/${started.syncId}`));
  }

  const running = sync && (sync.status === 'queued' || sync.status === 'running');
  useInterval(
    () => {
      if (sync) api.get<Sync>(`/syncs/${sync.id}`).then(setSync, setError);
    },
    1000,
    Boolean(running),
  );

  return (
    <div className="stack">
      <p>
        Cloudward checks that it can assume <code>{input.roleArn}</code> with your external ID, then starts
        the first sync of {input.regions.length} region(s).
      </p>
      <ErrorBox error={error} />
      {connection && !connection.ok && (
        <div role="alert" className="error">
          Could not assume the role: <code>{connection.errorCode}</code> {connection.message}
        </div>
      )}
      {connection?.ok && (
        <p role="status" className="ok">
          Connected as <code>{connection.callerArn}</code>.
        </p>
      )}
      {sync && (
        <section aria-labelledby="first-sync">
          <h2 id="first-sync">
            First sync <StatusBadge status={sync.status} />
          </h2>
          <ProgressBar done={sync.progress.done} total={sync.progress.total} label="First sync progress" />
        </section>
      )}
      <div className="toolbar">
        {!account && (
          <button type="button" className="secondary" onClick={onBack} disabled={busy}>
            Back
          </button>
        )}
        {!connection?.ok && (
          <button type="button" onClick={connect} disabled={busy}>
            {account ? 'Test connection again' : 'Create and test connection'}
          </button>
        )}
        {account && connection && !connection.ok && (
          <button type="button" className="secondary" onClick={() => startSync(account.id).catch(setError)}>
            Start sync anyway
          </button>
        )}
        {account && (
          <a className="button secondary" href={`#/accounts/${account.id}`}>
            Go to account
          </a>
        )}
      </div>
    </div>
  );
}
