import { useEffect, useState } from 'react';
import { api, download, type Page } from '../api';
import { CopyButton, ErrorBox, Field, Loading, ProgressBar, StatusBadge } from '../components/common';
import { Tabs } from '../components/Tabs';
import { RegionPicker, partitionOf, useRegions } from '../components/RegionPicker';
import { useInterval, useLoad } from '../hooks';
import type { Account, Sync } from '../types';
import { accountIdError, externalIdError, roleArnError } from '../validation';

/** GET /onboarding/preview: the role's documents before the account exists. */
interface Preview {
  roleName: string;
  roleArn: string;
  externalId: string;
  regions: string[];
  trustPolicy: unknown;
  permissionsPolicy: unknown | null;
  managedPolicies: string[];
  steps: string[];
}

/** GET /onboarding/identity: whom the role trusts, configured or detected from Cloudward's own credentials. */
interface OwnIdentity {
  trustedPrincipal: string | null;
  source: 'environment' | 'detected' | 'none';
  identity: { state: string; arn?: string; errorCode?: string; message?: string; note?: string };
  templateUrl: string | null;
}

// Trust policies name a role, a user or an account root; a session ARN (sts:…:assumed-role/…) changes.
const PRINCIPAL_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+)$/;

/** The console's quick-create page with the template and its parameters filled in (IAM is global: any region). */
export function launchStackUrl(templateUrl: string, externalId: string, trustedPrincipal: string): string {
  const query = new URLSearchParams({
    templateURL: templateUrl,
    stackName: 'cloudward-onboarding',
    param_ExternalId: externalId,
    param_TrustedPrincipal: trustedPrincipal,
  });
  return `https://console.aws.amazon.com/cloudformation/home#/stacks/quickcreate?${query}`;
}

/** Cloudward's public address for HTTPS push, as the server checks it (onboarding/options.ts). */
export function eventsEndpointError(value: string): string | null {
  if (!value) return "Cloudward's public https:// address is needed for HTTPS push.";
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' && !url.search && !url.hash && !url.username && !url.password) return null;
  } catch {
    // not a URL at all
  }
  return 'An https:// address like https://cloudward.example.com (no query or credentials).';
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
  const allRegions = useRegions('aws');
  useEffect(() => {
    // Opt-in regions are disabled in a new AWS account (reading them would only fail): the user adds them.
    if (regions === null && allRegions)
      setRegions(allRegions.filter((region) => !region.optIn).map((region) => region.name));
  }, [allRegions, regions]);

  // An AWS account is connected once: say so at step 1, not after the role has been created.
  const existing = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 500 }), []);
  const connected = existing.data?.items.find((account) => account.awsAccountId === awsAccountId);
  const accountIdProblem =
    accountIdError(awsAccountId) ??
    (connected ? `AWS account ${awsAccountId} is already connected as “${connected.name}”.` : null);
  const accountIdValid = /^\d{12}$/.test(awsAccountId) && !connected;
  const externalIdProblem = externalIdError(externalId);
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
          <Field
            label="AWS account ID"
            hint="12 digits, as in the account menu of the AWS console (dashes are dropped)."
            error={accountIdProblem}
          >
            <input
              value={awsAccountId}
              // The console shows 1234-5678-9012: accept it as pasted.
              onChange={(event) => setAwsAccountId(event.target.value.replace(/[\s-]/g, ''))}
              inputMode="numeric"
              pattern="\d{12}"
              required
            />
          </Field>
          <Field
            label="External ID"
            hint="Pre-filled with a random value; change it only to reuse an existing role."
            error={externalIdProblem}
          >
            <input value={externalId} onChange={(event) => setExternalId(event.target.value)} required />
          </Field>
          <button type="submit" disabled={!name.trim() || !accountIdValid || Boolean(externalIdProblem)}>
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
            Every region enabled by default in AWS is selected; add the opt-in regions your account has
            enabled. Global assets (IAM, S3 buckets, Organizations) are read once per account whatever you
            pick.
          </p>
          <RegionPicker value={regions ?? []} onChange={setRegions} partition={partitionOf(roleArn)} />
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
  const [downloadError, setDownloadError] = useState<unknown>();
  const identity = useLoad(() => api.get<OwnIdentity>('/onboarding/identity'), []);
  // Asked only when Cloudward has neither a configured principal nor credentials to detect one.
  const [typedPrincipal, setTypedPrincipal] = useState('');
  const principalProblem =
    typedPrincipal && !PRINCIPAL_PATTERN.test(typedPrincipal)
      ? 'An IAM ARN: arn:aws:iam::<12 digits>:role/<name>, :user/<name> or :root.'
      : null;
  const known = identity.data?.trustedPrincipal ?? null;
  const trustedPrincipal = known ?? (typedPrincipal && !principalProblem ? typedPrincipal : null);
  // Event mode (opt-in): changes within a minute, by an SQS queue Cloudward reads or by HTTPS push to Cloudward.
  const [events, setEvents] = useState(false);
  const [eventsTarget, setEventsTarget] = useState<'sqs' | 'https'>('sqs');
  const [eventsEndpoint, setEventsEndpoint] = useState(
    window.location.protocol === 'https:' ? window.location.origin : '',
  );
  const endpointProblem = events && eventsTarget === 'https' ? eventsEndpointError(eventsEndpoint) : null;
  const input = {
    accountId: props.awsAccountId,
    externalId: props.externalId,
    regions: props.regions,
    trustedPrincipal: known ? undefined : (trustedPrincipal ?? undefined),
    ...(events
      ? {
          events: true,
          eventsTarget,
          ...(eventsTarget === 'https' ? { eventsEndpoint } : {}),
        }
      : {}),
  };
  const inputKey = [
    props.awsAccountId,
    props.externalId,
    props.regions.join(','),
    trustedPrincipal,
    events ? `${eventsTarget} ${eventsTarget === 'https' ? eventsEndpoint : ''}` : 'no events',
  ];
  // Wait for the region list (all regions by default) and a principal to trust before asking for the policies.
  const ready = props.regions.length > 0 && Boolean(trustedPrincipal) && !endpointProblem;
  const preview = useLoad(
    () => (ready ? api.get<Preview>('/onboarding/preview', input) : Promise.resolve(undefined)),
    inputKey,
  );
  const files = useLoad(
    () =>
      tab === 'json' || !ready
        ? Promise.resolve(undefined)
        : api.get<{ files: { path: string; content: string }[] }>('/reports/onboarding/files', {
            ...input,
            format: tab,
          }),
    [...inputKey, tab],
  );
  const { roleArn, setRoleArn } = props;
  useEffect(() => {
    // The role's ARN is known before it exists: fill it in unless the user typed another one.
    // Only the untouched guess from step 1 is replaced: an ARN the user typed stays, even in another account.
    const guess = `arn:aws:iam::${props.awsAccountId}:role/CloudwardReadOnly`;
    if (preview.data && (!roleArn || roleArn === guess)) setRoleArn(preview.data.roleArn);
  }, [preview.data, roleArn, setRoleArn, props.awsAccountId]);
  const arnProblem = roleArnError(props.roleArn, props.awsAccountId);
  const data = preview.data;
  const trust = data ? JSON.stringify(data.trustPolicy, null, 2) : '';
  const permissions = data?.permissionsPolicy ? JSON.stringify(data.permissionsPolicy, null, 2) : '';
  const steps = data?.steps.join('\n') ?? '';
  const tabs = [
    { key: 'terraform', label: 'Terraform' },
    { key: 'cloudformation', label: 'CloudFormation' },
    { key: 'json', label: 'Manual' },
  ] as const;
  const templateUrl = identity.data?.templateUrl;
  return (
    <div className="stack">
      <p>
        Create a read-only role in account {props.awsAccountId} that Cloudward can assume with your external
        ID. It gets the AWS-managed <code>SecurityAudit</code> policy plus a small read-only policy for what
        SecurityAudit lacks; no data access.
      </p>
      <ErrorBox error={identity.error} />
      {identity.data && <TrustedPrincipal identity={identity.data} />}
      {identity.data && !known && (
        <Field
          label="ARN of the identity Cloudward runs as"
          hint="The IAM role or user whose credentials the Cloudward server uses (for an EC2 instance profile or ECS task role: that role's ARN). The customer role will trust it."
          error={principalProblem}
        >
          <input
            value={typedPrincipal}
            onChange={(event) => setTypedPrincipal(event.target.value.trim())}
            placeholder="arn:aws:iam::111122223333:role/CloudwardServer"
          />
        </Field>
      )}
      <fieldset className="stack">
        <legend>Near real-time changes</legend>
        <label>
          <input type="checkbox" checked={events} onChange={(event) => setEvents(event.target.checked)} />{' '}
          Event mode: an EventBridge rule in each region sends CloudTrail write calls, so a change is an alert
          within a minute instead of at the next sync
        </label>
        {events && (
          <div role="radiogroup" aria-label="How events reach Cloudward" className="stack">
            <label>
              <input
                type="radio"
                name="events-target"
                checked={eventsTarget === 'sqs'}
                onChange={() => setEventsTarget('sqs')}
              />{' '}
              SQS pull: a queue in your account that the role may read (serve with CLOUDWARD_EVENTS=true)
            </label>
            <label>
              <input
                type="radio"
                name="events-target"
                checked={eventsTarget === 'https'}
                onChange={() => setEventsTarget('https')}
              />{' '}
              HTTPS push: EventBridge calls Cloudward through an API destination
            </label>
            {eventsTarget === 'https' && (
              <Field
                label="Cloudward's public address"
                hint="EventBridge calls https://…/api/v1/events/cloudtrail there. Create a token of role event-ingest on the Tokens page: you give it when you apply the bundle (it is never written in it)."
                error={endpointProblem}
              >
                <input
                  value={eventsEndpoint}
                  onChange={(event) => setEventsEndpoint(event.target.value.trim())}
                  placeholder="https://cloudward.example.com"
                />
              </Field>
            )}
          </div>
        )}
      </fieldset>
      <Tabs label="How to create the role" tabs={tabs} active={tab} onSelect={setTab}>
        <ErrorBox error={preview.error ?? files.error} />
        {!trustedPrincipal && identity.data && (
          <p className="muted">The role's documents appear once Cloudward knows whom the role trusts.</p>
        )}
        {tab !== 'json' && (
          <>
            <p>
              {tab === 'terraform'
                ? 'Unzip into an empty folder, then run terraform init && terraform apply (OpenTofu works too).'
                : 'Create a CloudFormation stack from this template (IAM capability needed).'}{' '}
              The role ARN below is the stack output.
            </p>
            <div className="toolbar">
              {tab === 'cloudformation' && templateUrl && trustedPrincipal && (
                <a
                  className="button"
                  href={launchStackUrl(templateUrl, props.externalId, trustedPrincipal)}
                  target="_blank"
                  rel="noreferrer"
                >
                  Launch stack in the AWS console
                </a>
              )}
              <button
                type="button"
                className="secondary"
                disabled={!ready}
                onClick={() => {
                  setDownloadError(undefined);
                  download(
                    '/reports/onboarding/files',
                    { ...input, format: tab, download: true },
                    `cloudward-onboarding-${props.awsAccountId}-${tab}.zip`,
                  ).catch(setDownloadError);
                }}
              >
                Download {tab === 'terraform' ? 'Terraform' : 'CloudFormation'} bundle (.zip)
              </button>
            </div>
            {/* Next to the button that failed, so a failed download is never silent. */}
            <ErrorBox error={downloadError} />
            {tab === 'cloudformation' && events && (
              <p className="small muted">
                Event mode adds <code>cloudward-events.yaml</code>: create it as a stack in every monitored
                region
                {eventsTarget === 'https'
                  ? ' with your event-ingest token as its EventIngestToken parameter (NoEcho: never shown again).'
                  : ' after the role stack (it lets the role read its queue).'}
              </p>
            )}
            {tab === 'cloudformation' && !templateUrl && (
              <p className="small muted">
                For a one-click <em>Launch stack</em> link into the AWS console, host the template below (e.g.
                in an S3 bucket) and set <code>CLOUDWARD_TEMPLATE_URL</code> to its HTTPS URL on the server.
              </p>
            )}
            {files.loading && !files.data && <Loading what="files" />}
            {files.data?.files.map((file) => (
              <details
                key={file.path}
                open={files.data?.files.length === 1 || /\.(tf\.json|ya?ml)$/.test(file.path)}
              >
                <summary>
                  <code>{file.path}</code>
                </summary>
                <pre className="code" tabIndex={0}>
                  {file.content}
                </pre>
                <CopyButton text={file.content} label={`Copy ${file.path}`} />
              </details>
            ))}
          </>
        )}
        {data && tab === 'json' && (
          <>
            <h3>Trust policy</h3>
            <pre className="code" tabIndex={0}>
              {trust}
            </pre>
            <CopyButton text={trust} label="Copy trust policy" />
            {permissions && (
              <>
                <h3>Permissions policy</h3>
                <pre className="code" tabIndex={0}>
                  {permissions}
                </pre>
                <CopyButton text={permissions} label="Copy permissions policy" />
              </>
            )}
            {data.managedPolicies.length > 0 && (
              <p>
                Managed policies to attach:{' '}
                {data.managedPolicies.map((arn) => (
                  <code key={arn}>{arn} </code>
                ))}
              </p>
            )}
            <h3>AWS CLI steps</h3>
            <pre className="code" tabIndex={0}>
              {steps}
            </pre>
            <CopyButton text={steps} label="Copy steps" />
          </>
        )}
      </Tabs>
      <Field
        label="Role ARN"
        hint="The ARN of the role you created (pre-filled with the default role name)."
        error={arnProblem}
      >
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
        <button type="button" onClick={props.onNext} disabled={Boolean(arnProblem)}>
          Next
        </button>
      </div>
    </div>
  );
}

/** Whom the new role trusts, and where that came from; when nobody is known, why the wizard asks. */
function TrustedPrincipal({ identity }: { identity: OwnIdentity }) {
  if (identity.trustedPrincipal) {
    return (
      <p className="small" data-testid="trusted-principal">
        The role will trust <code>{identity.trustedPrincipal}</code>
        {identity.source === 'environment'
          ? ' (CLOUDWARD_TRUSTED_PRINCIPAL).'
          : `, the identity Cloudward runs as (detected from its own credentials: ${identity.identity.arn}).`}{' '}
        {identity.identity.note}
      </p>
    );
  }
  const { state, message, errorCode } = identity.identity;
  return (
    <div role="status" className="notice" data-testid="trusted-principal">
      <p>
        <strong>Cloudward needs to know its own AWS identity</strong>: the role you create trusts it, and only
        it, to assume the role with your external ID.
      </p>
      <p className="small">
        {state === 'no-credentials'
          ? 'Cloudward has no AWS credentials yet, so it cannot tell who it is (and syncs will fail until it has some). '
          : `Cloudward could not ask AWS who it is${errorCode ? ` (${errorCode}: ${message})` : ''}. `}
        Enter the ARN below, or set <code>CLOUDWARD_TRUSTED_PRINCIPAL</code> on the server and reload.
      </p>
    </div>
  );
}

/** test-connection codes that mean Cloudward's own credentials failed (api/test-connection.ts). */
const OWN_CREDENTIAL_ERRORS = new Set([
  'NoCloudwardCredentials',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
]);

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
          <div className="small">
            {connection.errorCode && OWN_CREDENTIAL_ERRORS.has(connection.errorCode)
              ? 'The problem is on the Cloudward server, not in the account: give the server AWS credentials (instance profile, task role or AWS_PROFILE), restart it, and test again.'
              : 'Check that the role exists, trusts Cloudward with this external ID, and that its ARN is right; to change the ARN or external ID, go to the account.'}
          </div>
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
          {running && sync.progress.current && (
            <p className="muted small">Reading {sync.progress.current}…</p>
          )}
          {sync.error && (
            <p role="alert" className="error">
              {sync.error}
            </p>
          )}
          {!running && <SyncOutcome sync={sync} />}
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
        {account && sync && !running && sync.status !== 'failed' && (
          <>
            <a className="button" href={`#/alerts?account=${account.id}`}>
              See its alerts
            </a>
            <a className="button secondary" href="#/">
              Overview
            </a>
          </>
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

/** What a finished sync read and what it could not: a partial sync is usable, but the user should know the gaps. */
function SyncOutcome({ sync }: { sync: Sync }) {
  const failed = sync.services.filter((service) => service.status === 'failed');
  const assets = sync.services.reduce((total, service) => total + (service.assetCount ?? 0), 0);
  if (sync.status === 'failed') return null;
  return (
    <div className="stack">
      <p role="status">
        Read {assets} asset{assets === 1 ? '' : 's'} from {sync.services.length - failed.length} of{' '}
        {sync.services.length} service reads. Alerts appear as soon as the controls are evaluated (seconds).
      </p>
      {failed.length > 0 && (
        <div>
          <p className="small">
            {failed.length} could not be read, so the controls that need them cannot be judged there:
          </p>
          <ul className="plain small">
            {failed.map((service) => (
              <li key={service.service + service.region}>
                {service.service} in {service.region}: <code>{service.errorCode}</code> {service.errorMessage}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
