// Client of the back-office API: cookies carry the session (HttpOnly, never visible here);
// every state-changing request sends the X-CSRF-Token header, fetched from /auth/csrf and
// replaced by the token that answers to login, second factor and password change return.
import { ApiError } from '../api';
import type {
  AdminUser,
  AuditPage,
  CreatedUser,
  LinkInfo,
  MachineToken,
  Me,
  OneTimeUrl,
  OwnSession,
  RoleInfo,
  SignInAnswer,
  TotpConfirmed,
  TotpSetup,
} from './types';

/** An API error with what the back office needs beyond the public page's ApiError. */
export class AdminApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    field: string | undefined,
    readonly retryAfterS: number | null = null,
    readonly reasons: string[] = [],
  ) {
    super(status, code, message, field);
    this.name = 'AdminApiError';
  }
}

/** Thrown instead of the answer when the session ended; the app has already gone to login. */
export class SessionExpired extends Error {
  constructor() {
    super('session expired');
    this.name = 'SessionExpired';
  }
}

type Method = 'GET' | 'POST';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** A 401 means the session ended (true for calls made while signed in). */
  sessionRequired?: boolean;
}

const API_ROOT = new URL('/api/v1/', window.location.href);

export class AdminApi {
  private csrfToken: string | null = null;
  private csrfPending: Promise<string> | null = null;
  /** Called once per 401 on a call that needs a session. */
  onSessionExpired: () => void = () => undefined;

  /** Forgets the CSRF token (it is bound to a session that no longer exists). */
  resetCsrf(): void {
    this.csrfToken = null;
    this.csrfPending = null;
  }

  private async csrf(): Promise<string> {
    if (this.csrfToken) return this.csrfToken;
    this.csrfPending ??= this.send<{ csrf_token: string }>('auth/csrf', {}).then((answer) => {
      this.csrfToken = answer.csrf_token;
      this.csrfPending = null;
      return answer.csrf_token;
    });
    try {
      return await this.csrfPending;
    } catch (err) {
      this.csrfPending = null;
      throw err;
    }
  }

  private async send<T>(path: string, options: RequestOptions, csrfRetried = false): Promise<T> {
    const method = options.method ?? 'GET';
    const url = new URL(path, API_ROOT);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      headers['X-CSRF-Token'] = await this.csrf();
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (err) {
      throw new AdminApiError(0, 'network', String(err), undefined);
    }
    const body = await readJson(response);
    if (response.ok) {
      const token = (body as { csrf_token?: unknown } | null)?.csrf_token;
      if (typeof token === 'string' && token) this.csrfToken = token;
      return body as T;
    }
    const error = toError(response, body, url.pathname);
    // A token can go stale (a session rotated in another tab): fetch a fresh one, once.
    if (error.code === 'csrf_failed' && method !== 'GET' && !csrfRetried) {
      this.resetCsrf();
      return this.send<T>(path, options, true);
    }
    if (response.status === 401 && options.sessionRequired) {
      this.resetCsrf();
      this.onSessionExpired();
      throw new SessionExpired();
    }
    throw error;
  }

  private get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.send<T>(path, { query, sessionRequired: true });
  }

  private post<T>(path: string, body: unknown = {}, sessionRequired = true): Promise<T> {
    return this.send<T>(path, { method: 'POST', body, sessionRequired });
  }

  // ---- signing in (a 401 here is an answer, not an expiry) --------------------------------

  /** The current session's user, or null without a (valid) session. */
  async me(): Promise<Me | null> {
    try {
      return await this.send<Me>('me', {});
    } catch (err) {
      if (err instanceof AdminApiError && err.status === 401) return null;
      throw err;
    }
  }

  login(email: string, password: string): Promise<SignInAnswer> {
    return this.post('auth/login', { email, password }, false);
  }

  secondFactor(input: { code: string } | { recovery_code: string }): Promise<SignInAnswer> {
    return this.post('auth/totp', input, false);
  }

  totpSetup(): Promise<TotpSetup> {
    return this.post('me/totp/setup');
  }

  totpConfirm(code: string): Promise<TotpConfirmed> {
    return this.post('me/totp/confirm', { code });
  }

  async logout(everywhere = false): Promise<void> {
    try {
      await this.post(everywhere ? 'auth/logout-everywhere' : 'auth/logout', {}, false);
    } finally {
      this.resetCsrf();
    }
  }

  checkLink(token: string, purpose: string): Promise<LinkInfo> {
    return this.post('auth/link', { token, purpose }, false);
  }

  completeLink(token: string, purpose: string, password: string): Promise<{ status: string }> {
    return this.post('auth/link/complete', { token, purpose, password }, false);
  }

  // ---- own account -------------------------------------------------------------------------

  refreshMe(): Promise<Me> {
    return this.get('me');
  }

  changePassword(current_password: string, new_password: string): Promise<SignInAnswer> {
    return this.post('me/password', { current_password, new_password });
  }

  disableTotp(password: string): Promise<unknown> {
    return this.post('me/totp/disable', { password });
  }

  newRecoveryCodes(password: string): Promise<{ recovery_codes: string[] }> {
    return this.post('me/recovery-codes', { password });
  }

  sessions(): Promise<{ sessions: OwnSession[] }> {
    return this.get('me/sessions');
  }

  endOtherSessions(): Promise<{ ended: number }> {
    return this.post('me/sessions/end-others');
  }

  // ---- administration ----------------------------------------------------------------------

  users(): Promise<{ users: AdminUser[] }> {
    return this.get('admin/users');
  }

  async user(id: number): Promise<AdminUser> {
    return unwrapUser(await this.get(`admin/users/${id}`));
  }

  createUser(input: { email: string; name: string; role?: string; scope?: string; reason?: string }): Promise<CreatedUser> {
    return this.post('admin/users', input);
  }

  async setActive(id: number, active: boolean, reason: string): Promise<AdminUser> {
    return unwrapUser(await this.post(`admin/users/${id}/${active ? 'activate' : 'deactivate'}`, { reason }));
  }

  passwordReset(id: number): Promise<OneTimeUrl> {
    return this.post(`admin/users/${id}/password-reset`);
  }

  grant(userId: number, role: string, scope: string, reason: string): Promise<unknown> {
    return this.post(`admin/users/${userId}/grants`, { role, scope, reason });
  }

  revoke(grantId: number, reason: string): Promise<unknown> {
    return this.post(`admin/grants/${grantId}/revoke`, { reason });
  }

  roles(): Promise<{ roles: RoleInfo[] }> {
    return this.get('admin/roles');
  }

  setSensitive(role: string, sensitive: boolean, reason: string): Promise<unknown> {
    return this.post(`admin/roles/${encodeURIComponent(role)}/sensitive`, { sensitive, reason });
  }

  audit(query: Record<string, string | number | undefined>): Promise<AuditPage> {
    return this.get('admin/audit', query);
  }

  tokens(): Promise<{ tokens: MachineToken[] }> {
    return this.get('admin/tokens');
  }

  createToken(input: { name: string; scope: string; municipality?: number; expires_at?: string }): Promise<{ token: MachineToken; secret: string }> {
    return this.post('admin/tokens', input);
  }

  revokeToken(id: number, reason: string): Promise<unknown> {
    return this.post(`admin/tokens/${id}/revoke`, { reason });
  }

  // ---- any method, JSON or raw body (the district editor: PUT, PATCH, DELETE, photos) ------

  /**
   * A signed-in call with any method. `raw` sends a Blob as the body with its own
   * Content-Type (a photo); otherwise `body` goes as JSON. The CSRF header, the one retry on a
   * stale token and the 401 handling are those of every other call.
   */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: { body?: unknown; raw?: Blob; contentType?: string; query?: Record<string, string | number> } = {},
    csrfRetried = false,
  ): Promise<T> {
    if (method === 'GET' || method === 'POST') {
      if (!options.raw) return this.send<T>(path, { method, body: options.body, query: options.query, sessionRequired: true });
    }
    const url = new URL(path, API_ROOT);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { Accept: 'application/json', 'X-CSRF-Token': await this.csrf() };
    let body: BodyInit | undefined;
    if (options.raw) {
      headers['Content-Type'] = options.contentType || options.raw.type || 'application/octet-stream';
      body = options.raw;
    } else if (method !== 'DELETE' || options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body ?? {});
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    } catch (err) {
      throw new AdminApiError(0, 'network', String(err), undefined);
    }
    const answer = await readJson(response);
    if (response.ok) return answer as T;
    const error = toError(response, answer, url.pathname);
    if (error.code === 'csrf_failed' && !csrfRetried) {
      this.resetCsrf();
      return this.request<T>(method, path, options, true);
    }
    if (response.status === 401) {
      this.resetCsrf();
      this.onSessionExpired();
      throw new SessionExpired();
    }
    throw error;
  }
}

/** "The user" is documented as the list's item; accept it wrapped in {"user": …} too. */
function unwrapUser(body: unknown): AdminUser {
  const wrapped = body as { user?: AdminUser } | null;
  return wrapped && typeof wrapped.user === 'object' && wrapped.user !== null ? wrapped.user : (body as AdminUser);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toError(response: Response, body: unknown, path: string): AdminApiError {
  const error = (body as { error?: { code?: string; message?: string; field?: string; reasons?: unknown } } | null)?.error;
  const retryAfter = Number(response.headers.get('Retry-After'));
  const reasons = Array.isArray(error?.reasons) ? error.reasons.filter((r): r is string => typeof r === 'string') : [];
  return new AdminApiError(
    response.status,
    error?.code ?? (body === null ? 'bad_response' : `http_${response.status}`),
    error?.message ?? `${path}: ${response.status} ${response.statusText}`,
    error?.field,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    reasons,
  );
}
