import { useState, type FormEvent } from 'react';
import { api, setToken } from '../api';
import { ErrorBox, Field } from '../components/common';
import type { Me } from '../types';

export function SignIn({ onSignedIn, notice }: { onSignedIn: (me: Me) => void; notice?: string }) {
  const [token, setTokenText] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    // Pasted from a curl line or a header, the token may carry "Bearer ".
    setToken(token.trim().replace(/^Bearer\s+/i, ''));
    try {
      onSignedIn(await api.get<Me>('/me'));
    } catch (problem) {
      setToken(null);
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin" id="main">
      <h1>Cloudward</h1>
      <p className="muted">
        Sign in with an API token. <code>cloudward serve</code> prints the first admin token when it starts;
        admins hand out more under Access.
      </p>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <form onSubmit={submit}>
        <Field label="API token">
          <input
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(event) => setTokenText(event.target.value)}
            required
          />
        </Field>
        <button type="submit" disabled={busy || !token.trim()}>
          Sign in
        </button>
      </form>
      <ErrorBox error={error} />
    </main>
  );
}
