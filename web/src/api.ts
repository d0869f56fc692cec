// The only way the UI talks to Cloudward: the HTTP API, with the signed-in token.
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const TOKEN_KEY = 'cloudward.token';
/** Who the token belongs to, as /me said: a reload draws the page at once instead of waiting for /me first. */
const SIGNED_IN_KEY = 'cloudward.me';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  sessionStorage.removeItem(SIGNED_IN_KEY);
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * The signed-in identity remembered for this tab's token. Only what the UI shows and which links it offers: the
 * server checks the token on every call, and a 401 signs the tab out.
 */
export function rememberedSignIn<T>(): T | null {
  const text = getToken() ? sessionStorage.getItem(SIGNED_IN_KEY) : null;
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function rememberSignIn(who: unknown): void {
  sessionStorage.setItem(SIGNED_IN_KEY, JSON.stringify(who));
}

export type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${queryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // fetch rejects only when no answer came at all ("Failed to fetch" says nothing to a user).
    throw new Error('Cloudward cannot be reached: is the server running? Try again in a moment.');
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const problem: Problem =
      typeof data === 'object' && data ? (data as Problem) : { title: String(data), status: response.status };
    if (response.status === 401) window.dispatchEvent(new Event('cloudward:unauthorized'));
    throw new ApiError({ ...problem, status: response.status });
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Downloads a binary or text resource with the token (for onboarding bundles and exports). */
export async function download(path: string, query: Query, filename: string): Promise<void> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${queryString(query)}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new Error('Download failed: Cloudward cannot be reached. Try again in a moment.');
  }
  if (!response.ok) {
    // The server's problem+json says why (e.g. no trusted principal): show it, not just the status.
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError({
      ...(problem ?? {}),
      title: `Download failed (${response.status})`,
      detail: problem?.detail ?? problem?.title,
      status: response.status,
    });
  }
  saveBlob(await response.blob(), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
