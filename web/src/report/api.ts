// The citizen-report API (docs/reports.md, "HTTP API"): public routes only. Errors become the
// shared ApiError with the server's code and the field it names.
import { ApiError, formatCoord } from '../api';
import { lang } from '../i18n';

export interface ExtraOption {
  value: string;
  label_cs: string;
  label_en: string;
}

export interface ExtraField {
  key: string;
  type: 'text' | 'select' | 'time_of_day';
  label_cs: string;
  label_en: string;
  required?: boolean;
  options?: ExtraOption[];
  max_length?: number;
}

export interface Category {
  code: string;
  name: string;
  name_cs?: string;
  name_en?: string;
  description: string;
  description_cs?: string;
  description_en?: string;
  guidance: string;
  guidance_cs?: string;
  guidance_en?: string;
  accepts_reports: boolean;
  first_response_days: number;
  resolution_days: number;
  extra_fields: ExtraField[];
}

export interface ReportUpdate {
  id: number;
  created_at: string;
  kind: string;
  author_kind: string;
  author_name: string | null;
  from_state: string | null;
  to_state: string | null;
  level: number | null;
  body: string;
}

export interface ReportPhoto {
  id: number;
  url: string;
  thumb_url: string;
  width: number;
  height: number;
}

export interface PublicReport {
  id: number;
  town: number;
  district_id: number | null;
  district_name: string | null;
  category: string;
  category_name: string;
  lon: number;
  lat: number;
  address_text: string;
  description: string;
  state: string;
  state_reason: string | null;
  passed_to: string | null;
  duplicate_of: number | null;
  level: number;
  level_name: string;
  owner_name: string | null;
  owner_role: string | null;
  reporter_name: string | null;
  overdue: boolean;
  fixed_confirmed: boolean;
  created_at: string;
  updated_at: string;
  first_response_due: string | null;
  resolution_due: string | null;
  level_due: string | null;
  updates?: ReportUpdate[];
  photos?: ReportPhoto[];
}

export interface TrackedReport {
  report: PublicReport;
  visibility: 'pending' | 'public' | 'hidden';
  can_reopen: boolean;
  can_confirm_fixed: boolean;
  can_add_update: boolean;
}

export interface SubmitAnswer {
  id: number;
  tracking_token: string;
  tracking_url: string;
  visibility: string;
  confirmation_sent: boolean;
  owner_name: string | null;
  district_id: number | null;
}

export interface Submission {
  lon: number;
  lat: number;
  address_text: string;
  category: string;
  description: string;
  extra: Record<string, string>;
  contact: { name: string; email: string; phone: string };
  show_name: boolean;
  website: string;
  lang: string;
}

export interface ResponsivenessRow {
  district_id: number | null;
  report_count: number;
  median_first_response_days: number | null;
  median_resolution_days: number | null;
  share_first_response_on_time: number | null;
  share_resolved_on_time: number | null;
}

export interface ResponsivenessAnswer {
  period: { from: string; to: string };
  min_reports: number;
  town: ResponsivenessRow;
  districts: ResponsivenessRow[];
}

const API_ROOT = new URL('/api/v1/', window.location.href);

// State-changing public routes need the CSRF token of a pre-session (GET /auth/csrf sets its
// cookie), as the login does.
let csrfToken: Promise<string> | null = null;

function csrf(): Promise<string> {
  csrfToken ??= call<{ csrf_token: string }>('GET', 'auth/csrf').then(
    (answer) => answer.csrf_token,
    (err: unknown) => {
      csrfToken = null;
      throw err;
    },
  );
  return csrfToken;
}

async function call<T>(method: string, path: string, body?: BodyInit, contentType?: string, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (method !== 'GET') headers['X-CSRF-Token'] = await csrf();
  let response: Response;
  try {
    response = await fetch(new URL(path, API_ROOT), { method, headers, body: body ?? null, credentials: 'same-origin', cache: 'no-store' });
  } catch (err) {
    throw new ApiError(0, 'network', String(err));
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'bad_response', `${path}: response is not JSON`);
    }
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    const code = error?.code ?? `http_${response.status}`;
    // A stale token (the pre-session expired): fetch a fresh one, once.
    if (code === 'csrf_failed' && method !== 'GET' && !retried) {
      csrfToken = null;
      return call<T>(method, path, body, contentType, true);
    }
    throw new ApiError(response.status, code, error?.message ?? '', error?.field);
  }
  return parsed as T;
}

const get = <T>(path: string) => call<T>('GET', path);
const post = <T>(path: string, value: unknown) => call<T>('POST', path, JSON.stringify(value), 'application/json');
const enc = encodeURIComponent;

export function fetchCategories(town: number): Promise<{ categories: Category[] }> {
  return get(`towns/${town}/report-categories?lang=${lang()}`);
}

export function fetchNearby(lon: number, lat: number, category: string): Promise<{ reports: PublicReport[] }> {
  return get(`reports/nearby?lon=${formatCoord(lon)}&lat=${formatCoord(lat)}&category=${enc(category)}&lang=${lang()}`);
}

export function submitReport(submission: Submission): Promise<SubmitAnswer> {
  return post('reports', submission);
}

export function uploadPhoto(id: number, token: string, file: File): Promise<unknown> {
  return call('POST', `reports/${id}/photos?token=${enc(token)}`, file, file.type || 'application/octet-stream');
}

export function confirmReport(token: string): Promise<TrackedReport> {
  return post(`reports/confirm?lang=${lang()}`, { token });
}

export function track(token: string): Promise<TrackedReport> {
  return get(`track/${enc(token)}?lang=${lang()}`);
}

export function addUpdate(token: string, text: string): Promise<TrackedReport> {
  return post(`track/${enc(token)}/updates?lang=${lang()}`, { text });
}

export function reopen(token: string, reason: string): Promise<TrackedReport> {
  return post(`track/${enc(token)}/reopen?lang=${lang()}`, { reason });
}

export function confirmFixed(token: string): Promise<TrackedReport> {
  return post(`track/${enc(token)}/fixed?lang=${lang()}`, {});
}

export function fetchReport(id: number): Promise<PublicReport> {
  return get(`reports/${id}?lang=${lang()}`);
}

export function fetchReports(query: Record<string, string>): Promise<{ reports: PublicReport[]; total: number }> {
  const params = new URLSearchParams({ ...query, lang: lang() });
  return get(`reports?${params.toString()}`);
}

export function fetchResponsiveness(town: number): Promise<ResponsivenessAnswer> {
  return get(`towns/${town}/responsiveness`);
}

export function subscribe(district: number, email: string): Promise<unknown> {
  return post(`districts/${district}/subscriptions`, { email, lang: lang() });
}

export function confirmSubscription(token: string): Promise<unknown> {
  return post('subscriptions/confirm', { token });
}

export function unsubscribe(token: string): Promise<unknown> {
  return post('subscriptions/unsubscribe', { token });
}

export function rssUrl(district: number): string {
  return new URL(`districts/${district}/reports.rss`, API_ROOT).toString();
}
