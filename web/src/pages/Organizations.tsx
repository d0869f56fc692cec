// Organizations: the AWS Organizations Cloudward is connected to (GET /organizations), and for one of them the OU
// tree with its member accounts (each with AWS's state, whether Cloudward reads it and why, last sync and open
// alerts), the service control policies and where they are attached, and the delegated administrators
// (GET /organizations/:id/structure). Admins connect an organization and choose which OUs and accounts are read
// (PATCH /organizations/:id/scope); auditors read. The focused OU is in the URL (`?ou=`).
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorBox, Field, Loading, StatusBadge, formatDate } from '../components/common';
import { RegionPicker, partitionOf } from '../components/RegionPicker';
import { navigate, useLoad } from '../hooks';
import type {
  Me,
  Organization,
  OrganizationMember,
  OrganizationScope,
  OrganizationStructure,
  OrganizationUnit,
} from '../types';
import './organizations.css';

export function Organizations({ me, id, params }: { me: Me; id?: string; params: URLSearchParams }) {
  if (id === 'new')
    return me.role === 'admin' ? <ConnectOrganization /> : <p>Only admins can connect an organization.</p>;
  if (id) return <OrganizationDetail id={id} me={me} focus={params.get('ou') ?? undefined} />;
  return <OrganizationList me={me} />;
}

function OrganizationList({ me }: { me: Me }) {
  const organizations = useLoad(() => api.get<{ items: Organization[] }>('/organizations'), []);
  return (
    <>
      <h1>Organizations</h1>
      <p className="muted">
        An organization connection lists an AWS Organization through its management account (or a delegated
        administrator) and reads every member account with the same role name and external ID: new members are
        added at the next organization sync, closed or excluded ones are disabled, never deleted.
      </p>
      {me.role === 'admin' && (
        <p>
          <a className="button" href="#/organizations/new">
            Connect an organization
          </a>
        </p>
      )}
      <ErrorBox error={organizations.error} />
      {!organizations.data && !organizations.error && <Loading what="organizations" />}
      {organizations.data && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Management account</th>
              <th scope="col" className="col-low">
                Member role
              </th>
              <th scope="col" className="num">
                Regions
              </th>
              <th scope="col">Last organization sync</th>
            </tr>
          </thead>
          <tbody>
            {organizations.data.items.map((organization) => (
              <tr key={organization.id}>
                <td>
                  <a href={`#/organizations/${organization.id}`}>{organization.name}</a>
                </td>
                <td>{organization.managementAccountId}</td>
                <td className="col-low">
                  <code>{organization.memberRoleName}</code>
                </td>
                <td className="num">{organization.regions.length}</td>
                <td>{formatDate(organization.lastSyncAt)}</td>
              </tr>
            ))}
            {organizations.data.items.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No organization is connected.
                  {me.role === 'admin'
                    ? ' Connect one to add all its accounts at once.'
                    : ' An admin can connect one.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Where a policy is attached, in words: "Root", "OU Workloads", "account Production (111111111111)". */
function targetLabel(target: { id: string; type: string; name: string | null }): string {
  if (target.type === 'ROOT') return target.name ?? 'Root';
  if (target.type === 'ORGANIZATIONAL_UNIT') return `OU ${target.name ?? target.id}`;
  return target.name ? `account ${target.name} (${target.id})` : `account ${target.id}`;
}

function OrganizationDetail({ id, me, focus }: { id: string; me: Me; focus?: string }) {
  const organization = useLoad(() => api.get<Organization>(`/organizations/${id}`), [id]);
  const structure = useLoad(() => api.get<OrganizationStructure>(`/organizations/${id}/structure`), [id]);
  const data = structure.data;
  const units = data?.units ?? [];
  const roots = units.filter((unit) => unit.parentId === null);
  const shown = focus && units.some((unit) => unit.id === focus) ? [focus] : roots.map((root) => root.id);
  const policiesOn = (targetId: string) =>
    (data?.policies ?? []).filter((policy) => policy.targets.some((target) => target.id === targetId));

  const membersIn = (unitId: string) =>
    (data?.members ?? []).filter((member) => member.parentPath.at(-1) === unitId);
  const readCount = data?.members.filter((member) => member.account?.status === 'enabled').length ?? 0;

  const renderUnit = (unit: OrganizationUnit) => {
    const children = units.filter((candidate) => candidate.parentId === unit.id);
    const members = membersIn(unit.id);
    const policies = policiesOn(unit.id);
    return (
      <li key={unit.id} className="ou">
        <div className="ou-head">
          <span className="ou-name">{unit.parentId === null ? `${unit.name} (root)` : unit.name}</span>{' '}
          <code>{unit.id}</code>
          {policies.length > 0 && (
            <span className="ou-policies">
              {' '}
              SCPs:{' '}
              {policies.map((policy) => (
                <span key={policy.id} className={`chip${policy.awsManaged ? ' chip-muted' : ''}`}>
                  {policy.name}
                </span>
              ))}
            </span>
          )}
        </div>
        {members.length > 0 && <MemberTable unitName={unit.name} members={members} />}
        {children.length > 0 && <ul className="ou-children">{children.map(renderUnit)}</ul>}
      </li>
    );
  };

  return (
    <>
      <p>
        <a href="#/organizations">Organizations</a>
      </p>
      <h1>{organization.data?.name ?? 'Organization'}</h1>
      <ErrorBox error={organization.error ?? structure.error} />
      {organization.data && (
        <dl className="facts">
          <dt>Management account</dt>
          <dd>{organization.data.managementAccountId}</dd>
          <dt>Role</dt>
          <dd>
            <code>{organization.data.roleArn}</code>
          </dd>
          <dt>Member role name</dt>
          <dd>
            <code>{organization.data.memberRoleName}</code> (external ID {organization.data.externalId})
          </dd>
          <dt>Regions</dt>
          <dd>{organization.data.regions.join(', ')}</dd>
          <dt>Last organization sync</dt>
          <dd>{formatDate(organization.data.lastSyncAt)}</dd>
          {data && (
            <>
              <dt>Accounts read</dt>
              <dd>
                {readCount} of {data.members.length} members
              </dd>
            </>
          )}
        </dl>
      )}
      {!data && !structure.error && <Loading what="the organization's structure" />}
      {data?.source.note && <p className="notice">{data.source.note}</p>}
      {data && (
        <>
          <h2>Accounts by organizational unit</h2>
          <form className="filters" aria-label="Focus the tree" onSubmit={(event) => event.preventDefault()}>
            <Field label="Show">
              <select
                value={shown.length === 1 && focus ? focus : ''}
                onChange={(event) =>
                  navigate(`/organizations/${id}`, { ou: event.target.value || undefined })
                }
              >
                <option value="">Whole organization</option>
                {units
                  .filter((unit) => unit.parentId !== null)
                  .map((unit) => (
                    <option key={unit.id} value={unit.id}>
                      OU {unit.name}
                    </option>
                  ))}
              </select>
            </Field>
          </form>
          {data.members.length === 0 && (
            <p className="muted">No member listed yet: the first organization sync lists them.</p>
          )}
          <ul className="ou-tree" aria-label="Organizational units">
            {units.filter((unit) => shown.includes(unit.id)).map(renderUnit)}
          </ul>

          <h2>Service control policies</h2>
          {data.policies === null ? (
            <p className="muted">Not read: the management account's last sync did not read the policies.</p>
          ) : (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Policy</th>
                  <th scope="col">Managed by</th>
                  <th scope="col">Attached to</th>
                </tr>
              </thead>
              <tbody>
                {data.policies.map((policy) => (
                  <tr key={policy.id}>
                    <td>
                      {policy.name} <code className="small">{policy.id}</code>
                    </td>
                    <td>{policy.awsManaged ? 'AWS' : 'you'}</td>
                    <td>
                      {policy.targets.length === 0
                        ? 'nothing (not in force)'
                        : policy.targets.map(targetLabel).join(', ')}
                    </td>
                  </tr>
                ))}
                {data.policies.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      No service control policy.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}

          <h2>Delegated administrators</h2>
          {data.delegatedAdministrators === null ? (
            <p className="muted">Not read: the management account's last sync did not read them.</p>
          ) : (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col" className="col-low">
                    Email
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Delegated since</th>
                </tr>
              </thead>
              <tbody>
                {data.delegatedAdministrators.map((admin) => (
                  <tr key={admin.awsAccountId}>
                    <td>
                      {admin.name ?? admin.awsAccountId} ({admin.awsAccountId})
                    </td>
                    <td className="col-low">{admin.email ?? '—'}</td>
                    <td>{admin.status ? <StatusBadge status={admin.status.toLowerCase()} /> : '—'}</td>
                    <td>{formatDate(admin.delegationEnabledDate)}</td>
                  </tr>
                ))}
                {data.delegatedAdministrators.length === 0 && (
                  <tr>
                    <td colSpan={4} className="muted">
                      No delegated administrator: only the management account administers the organization.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}

          {organization.data && (
            <ScopeEditor
              organization={organization.data}
              units={units}
              members={data.members}
              canEdit={me.role === 'admin'}
              onSaved={organization.reload}
            />
          )}
        </>
      )}
    </>
  );
}

function MemberTable({ unitName, members }: { unitName: string; members: OrganizationMember[] }) {
  return (
    <table className="list members">
      <caption className="sr-only">Accounts in {unitName}</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">AWS state</th>
          <th scope="col">Cloudward</th>
          <th scope="col" className="col-low">
            Last sync
          </th>
          <th scope="col" className="num">
            Open alerts
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.awsAccountId}>
            <td>
              {member.account ? <a href={`#/accounts/${member.account.id}`}>{member.name}</a> : member.name}
              <div className="small muted">{member.awsAccountId}</div>
            </td>
            <td>
              <StatusBadge status={member.state.toLowerCase()} />
            </td>
            <td>
              <StatusBadge status={member.account?.status ?? 'not_read'} />
              <div className="small muted">{member.reason}</div>
            </td>
            <td className="col-low">
              {member.account?.lastSyncStatus && <StatusBadge status={member.account.lastSyncStatus} />}{' '}
              {formatDate(member.account?.lastSyncAt)}
            </td>
            <td className="num">
              {member.account ? (
                <a
                  href={`#/alerts?account=${member.account.id}&status=open`}
                  aria-label={`${member.account.openAlerts} open alerts in ${member.name}`}
                >
                  {member.account.openAlerts.toLocaleString()}
                </a>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Choice = 'default' | 'include' | 'exclude';

/** Which OUs and accounts the organization sync reads: each row is left to the default, included or excluded. */
function ScopeEditor({
  organization,
  units,
  members,
  canEdit,
  onSaved,
}: {
  organization: Organization;
  units: OrganizationUnit[];
  members: OrganizationMember[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const initial = (): Record<string, Choice> => {
    const choices: Record<string, Choice> = {};
    for (const ouId of organization.includeOuIds) choices[ouId] = 'include';
    for (const accountId of organization.includeAccountIds) choices[accountId] = 'include';
    for (const ouId of organization.excludeOuIds) choices[ouId] = 'exclude';
    for (const accountId of organization.excludeAccountIds) choices[accountId] = 'exclude';
    return choices;
  };
  const [choices, setChoices] = useState<Record<string, Choice>>(initial);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => setChoices(initial()), [organization.updatedAt]);

  const rows = [
    ...units.map((unit) => ({
      id: unit.id,
      label: unit.parentId === null ? `${unit.name} (root)` : `OU ${unit.name}`,
      kind: 'ou' as const,
    })),
    ...members.map((member) => ({
      id: member.awsAccountId,
      label: `account ${member.name} (${member.awsAccountId})`,
      kind: 'account' as const,
    })),
  ];
  const anyInclude = rows.some((row) => choices[row.id] === 'include');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setSaved(false);
    const pick = (kind: 'ou' | 'account', choice: Choice) =>
      rows.filter((row) => row.kind === kind && choices[row.id] === choice).map((row) => row.id);
    const scope: OrganizationScope = {
      includeOuIds: pick('ou', 'include'),
      excludeOuIds: pick('ou', 'exclude'),
      includeAccountIds: pick('account', 'include'),
      excludeAccountIds: pick('account', 'exclude'),
    };
    try {
      await api.patch(`/organizations/${organization.id}/scope`, scope);
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="scope-heading">
      <h2 id="scope-heading">Which accounts are read</h2>
      <p className="muted">
        {anyInclude
          ? 'Only the included OUs and accounts are read; exclusions win over inclusions.'
          : 'Every account of the organization is read except the excluded OUs and accounts.'}{' '}
        Changes apply at the next organization sync: accounts that fall out of scope are disabled, never
        deleted.
      </p>
      <form onSubmit={save} aria-label="Organization scope">
        <table className="list scope">
          <thead>
            <tr>
              <th scope="col">OU or account</th>
              <th scope="col">Read</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  {row.label} {row.kind === 'ou' && <code className="small">{row.id}</code>}
                </td>
                <td>
                  {canEdit ? (
                    <select
                      aria-label={`Scope of ${row.label}`}
                      value={choices[row.id] ?? 'default'}
                      onChange={(event) => setChoices({ ...choices, [row.id]: event.target.value as Choice })}
                    >
                      <option value="default">as the rest</option>
                      <option value="include">include</option>
                      <option value="exclude">exclude</option>
                    </select>
                  ) : (
                    (choices[row.id] ?? 'as the rest')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit && (
          <p>
            <button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save scope'}
            </button>{' '}
            {saved && <span role="status">Saved: the next organization sync applies it.</span>}
          </p>
        )}
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

function ConnectOrganization() {
  const [name, setName] = useState('');
  const [managementAccountId, setManagementAccountId] = useState('');
  const [roleName, setRoleName] = useState('CloudwardReadOnly');
  const [memberRoleName, setMemberRoleName] = useState('CloudwardReadOnly');
  const [externalId, setExternalId] = useState('');
  const [regions, setRegions] = useState<string[]>(['us-east-1']);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const roleArn = `arn:aws:iam::${managementAccountId || '<management account>'}:role/${roleName}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const created = await api.post<Organization>('/organizations', {
        name,
        managementAccountId,
        roleArn,
        memberRoleName,
        regions,
        ...(externalId ? { externalId } : {}),
      });
      navigate(`/organizations/${created.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <p>
        <a href="#/organizations">Organizations</a>
      </p>
      <h1>Connect an organization</h1>
      <p className="muted">
        Deploy Cloudward's read-only role to the management account (or a delegated administrator) and, with
        the CloudFormation StackSet from the onboarding bundle, to every member account under the same role
        name and external ID. Then connect the organization once here.
      </p>
      <form className="stack" onSubmit={submit} aria-label="Connect an organization">
        <Field label="Name">
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </Field>
        <Field
          label="Management account ID"
          hint="12 digits: the management account or a delegated administrator"
        >
          <input
            value={managementAccountId}
            inputMode="numeric"
            onChange={(event) => setManagementAccountId(event.target.value.trim())}
            required
          />
        </Field>
        <Field label="Role name in that account" hint={`Cloudward assumes ${roleArn}`}>
          <input value={roleName} onChange={(event) => setRoleName(event.target.value.trim())} required />
        </Field>
        <Field label="Member role name" hint="The role name the StackSet deploys in every member account">
          <input
            value={memberRoleName}
            onChange={(event) => setMemberRoleName(event.target.value.trim())}
            required
          />
        </Field>
        <Field label="External ID (optional)" hint="Generated when left empty; the same in every member role">
          <input value={externalId} onChange={(event) => setExternalId(event.target.value.trim())} />
        </Field>
        <fieldset>
          <legend>Regions read in every member account</legend>
          <RegionPicker value={regions} onChange={setRegions} partition={partitionOf(roleArn)} />
        </fieldset>
        <ErrorBox error={error} />
        <p>
          <button type="submit" disabled={saving}>
            {saving ? 'Connecting…' : 'Connect organization'}
          </button>
        </p>
      </form>
    </>
  );
}
