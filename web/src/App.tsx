import { Suspense, useEffect, useRef, useState } from 'react';
import { api, getToken, rememberSignIn, rememberedSignIn, setToken } from './api';
import { Loading } from './components/common';
import { useRoute } from './hooks';
import { lazyComponent } from './lazy';
import type { Me } from './types';
import { SignIn } from './pages/SignIn';

// Each page is its own chunk, loaded on first visit: the charting library comes only with the pages that draw
// charts (overview, framework) and the graph library only with the asset page.
const Overview = lazyComponent(() => import('./pages/Overview'), 'Overview');
const Alerts = lazyComponent(() => import('./pages/Alerts'), 'Alerts');
const AlertDetail = lazyComponent(() => import('./pages/AlertDetail'), 'AlertDetail');
const AttackPaths = lazyComponent(() => import('./pages/AttackPaths'), 'AttackPaths');
const Frameworks = lazyComponent(() => import('./pages/Frameworks'), 'Frameworks');
const FrameworkDetail = lazyComponent(() => import('./pages/FrameworkDetail'), 'FrameworkDetail');
const ControlDetail = lazyComponent(() => import('./pages/ControlDetail'), 'ControlDetail');
const Inventory = lazyComponent(() => import('./pages/Inventory'), 'Inventory');
const AssetDetail = lazyComponent(() => import('./pages/AssetDetail'), 'AssetDetail');
const Accounts = lazyComponent(() => import('./pages/Accounts'), 'Accounts');
const AccountDetail = lazyComponent(() => import('./pages/AccountDetail'), 'AccountDetail');
const AddAccount = lazyComponent(() => import('./pages/AddAccount'), 'AddAccount');
const AcceptedRisks = lazyComponent(() => import('./pages/AcceptedRisks'), 'AcceptedRisks');
const AuditLog = lazyComponent(() => import('./pages/AuditLog'), 'AuditLog');
const Tokens = lazyComponent(() => import('./pages/Tokens'), 'Tokens');
const Organizations = lazyComponent(() => import('./pages/Organizations'), 'Organizations');

/** The chunk a path's page lives in (as renderPage below picks it), to fetch it before it renders. */
function pageFor(path: string): { preload(): void } | undefined {
  const [section, id] = path.split('/').filter(Boolean);
  const pages: Record<string, [{ preload(): void }, { preload(): void }?]> = {
    alerts: [Alerts, AlertDetail],
    'attack-paths': [AttackPaths],
    frameworks: [Frameworks, FrameworkDetail],
    controls: [ControlDetail, ControlDetail],
    inventory: [Inventory, AssetDetail],
    accounts: [Accounts, id === 'new' ? AddAccount : AccountDetail],
    organizations: [Organizations, Organizations],
    risks: [AcceptedRisks],
    audit: [AuditLog],
    access: [Tokens],
  };
  if (section === undefined) return Overview;
  return pages[section]?.[id ? 1 : 0];
}

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
  // Signed in on an earlier load of this tab: draw the page now, /me confirms below (a 401 signs out).
  const [me, setMe] = useState<Me | null | undefined>(() => rememberedSignIn<Me>() ?? undefined);
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
    // Fetch the first page's chunk while /me answers instead of after it.
    if (getToken()) pageFor(route.path)?.preload();
    if (!getToken()) setMe(null);
    else
      api.get<Me>('/me').then(
        (who) => {
          rememberSignIn(who);
          setMe(who);
        },
        () => {
          setToken(null);
          setMe(null);
        },
      );
    return () => window.removeEventListener('cloudward:unauthorized', onUnauthorized);
  }, []);

  if (me === undefined) return null;
  if (me === null)
    return (
      <SignIn
        notice={signedOut}
        onSignedIn={(who) => {
          rememberSignIn(who);
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
      <main id="main">
        <Suspense fallback={<Loading what="page" />}>{renderPage(route.path, route.params, me)}</Suspense>
      </main>
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
      return <AcceptedRisks params={params} />;
    case 'audit':
      return <AuditLog params={params} />;
    case 'access':
      return me.role === 'admin' ? <Tokens me={me} /> : <p>Only admins manage access.</p>;
    default:
      return <p>Page not found.</p>;
  }
}
