import { useEffect, useRef, useState } from 'react';
import { api, getToken, setToken } from './api';
import { useRoute } from './hooks';
import type { Me } from './types';
import { SignIn } from './pages/SignIn';
import { Overview } from './pages/Overview';
import { Alerts } from './pages/Alerts';
import { AlertDetail } from './pages/AlertDetail';
import { Frameworks } from './pages/Frameworks';
import { FrameworkDetail } from './pages/FrameworkDetail';
import { ControlDetail } from './pages/ControlDetail';
import { Inventory } from './pages/Inventory';
import { AssetDetail } from './pages/AssetDetail';
import { Accounts } from './pages/Accounts';
import { AccountDetail } from './pages/AccountDetail';
import { AddAccount } from './pages/AddAccount';
import { Tokens } from './pages/Tokens';
import { AcceptedRisks } from './pages/AcceptedRisks';
import { AuditLog } from './pages/AuditLog';
import { AttackPaths } from './pages/AttackPaths';
import { Organizations } from './pages/Organizations';

const NAV = [
  { path: '/', label: 'Overview' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/attack-paths', label: 'Attack paths' },
  { path: '/frameworks', label: 'Frameworks' },
  { path: '/inventory', label: 'Inventory' },
  { path: '/accounts', label: 'Accounts' },
  { path: '/organizations', label: 'Organizations' },
  { path: '/risks', label: 'Accepted risks' },
  { path: '/audit', label: 'Audit log' },
];

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState<string>();
  const signedIn = useRef(false);
  signedIn.current = Boolean(me);
  const route = useRoute();

  useEffect(() => {
    // Listen from the start, also when signing in on this page: a token revoked later signs the user out.
    const onUnauthorized = () => {
      // Only a session that was working is "ended"; a wrong token at sign-in is the sign-in form's business.
      if (signedIn.current) setSignedOut('Your token is no longer accepted (revoked?). Sign in again.');
      setToken(null);
      setMe(null);
    };
    window.addEventListener('cloudward:unauthorized', onUnauthorized);
    if (!getToken()) setMe(null);
    else
      api.get<Me>('/me').then(setMe, () => {
        setToken(null);
        setMe(null);
      });
    return () => window.removeEventListener('cloudward:unauthorized', onUnauthorized);
  }, []);

  if (me === undefined) return null;
  if (me === null)
    return (
      <SignIn
        notice={signedOut}
        onSignedIn={(who) => {
          setSignedOut(undefined);
          setMe(who);
        }}
      />
    );

  const section = '/' + (route.path.split('/')[1] ?? '');
  const sectionLabel =
    [...NAV, { path: '/access', label: 'Access' }, { path: '/controls', label: 'Control' }].find(
      (item) => item.path === section,
    )?.label ?? 'Cloudward';
  // Tabs and history entries say where they are.
  document.title = sectionLabel === 'Cloudward' ? 'Cloudward' : `${sectionLabel} · Cloudward`;
  return (
    <div className="layout">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Cloudward</span>
        <nav aria-label="Main">
          {[...NAV, ...(me.role === 'admin' ? [{ path: '/access', label: 'Access' }] : [])].map((item) => (
            <a
              key={item.path}
              href={`#${item.path}`}
              aria-current={section === item.path ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <span className="who">
          {me.name} <span className="badge">{me.role}</span>
          <button
            type="button"
            className="link"
            onClick={() => {
              setToken(null);
              setMe(null);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main">{renderPage(route.path, route.params, me)}</main>
    </div>
  );
}

function renderPage(path: string, params: URLSearchParams, me: Me) {
  const parts = path.split('/').filter(Boolean);
  const [section, id, sub] = parts.map(decodeURIComponent);
  switch (section) {
    case undefined:
      return <Overview me={me} />;
    case 'alerts':
      return id ? <AlertDetail id={id} me={me} /> : <Alerts params={params} />;
    case 'attack-paths':
      return <AttackPaths params={params} />;
    case 'frameworks':
      return id ? <FrameworkDetail id={id} /> : <Frameworks />;
    case 'controls':
      return <ControlDetail id={id} />;
    case 'inventory':
      return id ? <AssetDetail assetKey={id} /> : <Inventory params={params} />;
    case 'accounts':
      if (id === 'new') return me.role === 'admin' ? <AddAccount /> : <p>Only admins can add accounts.</p>;
      return id ? <AccountDetail id={id} me={me} tab={sub} /> : <Accounts me={me} />;
    case 'organizations':
      return <Organizations me={me} id={id} params={params} />;
    case 'risks':
      return <AcceptedRisks />;
    case 'audit':
      return <AuditLog />;
    case 'access':
      return me.role === 'admin' ? <Tokens me={me} /> : <p>Only admins manage access.</p>;
    default:
      return <p>Page not found.</p>;
  }
}
