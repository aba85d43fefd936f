// Client of the staff inbox of citizen reports (docs/reports.md, "HTTP API", staff routes):
// the inbox and its CSV, one report with its history, actions (one or in bulk), the reporter's
// contact (audited) and the town's answer templates. Built on AdminApi.request (session
// cookie, CSRF header, one retry on a stale token, the reaction to an ended session). The
// answers are normalised here, so the views read one shape.
import { lang } from '../i18n';
import type { AdminApi } from './api';

export const REPORT_STATES = [
  'new',
  'acknowledged',
  'in_progress',
  'resolved',
  'closed_not_competent',
  'closed_duplicate',
  'closed_no_action',
  'reopened',
] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export type Visibility = 'pending' | 'public' | 'hidden';

/** The action that sets a state (POST …/actions {action}). */
export const STATE_ACTION: Record<ReportState, string> = {
  new: '',
  acknowledged: 'acknowledge',
  in_progress: 'start',
  resolved: 'resolve',
  closed_not_competent: 'close_not_competent',
  closed_duplicate: 'close_duplicate',
  closed_no_action: 'close_no_action',
  reopened: 'reopen',
};

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
  /** False for internal notes (never shown to the public). */
  public: boolean;
}

export interface ReportPhoto {
  id: number;
  url: string;
  thumb_url: string;
  width: number;
  height: number;
}

/** A row of the inbox, and the core of a report's page. */
export interface StaffRow {
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
  public_description: string;
  state: ReportState;
  state_reason: string | null;
  passed_to: string | null;
  duplicate_of: number | null;
  level: number;
  level_name: string;
  owner_name: string | null;
  owner_role: string | null;
  owner_user_id: number | null;
  reporter_name: string | null;
  overdue: boolean;
  fixed_confirmed: boolean;
  visibility: Visibility;
  version: number;
  extra: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  first_response_due: string | null;
  resolution_due: string | null;
  level_due: string | null;
}

export interface DuplicateCandidate {
  id: number;
  description: string;
  state: string;
  created_at: string;
  address_text: string;
}

export interface StaffReport extends StaffRow {
  updates: ReportUpdate[];
  photos: ReportPhoto[];
  next_states: ReportState[];
  can_handle: boolean;
  can_escalate: boolean;
  can_reveal_contact: boolean;
  possible_duplicates: DuplicateCandidate[];
}

export interface InboxFilter {
  town?: number;
  district?: number;
  states: ReportState[];
  category?: string;
  level?: number;
  overdue: boolean;
  mine: boolean;
  /** The moderation queue: pending (unconfirmed) reports. */
  pending: boolean;
  offset: number;
}

export interface ReportActionInput {
  action: string;
  text?: string;
  passed_to?: string;
  duplicate_of?: number;
  category?: string;
  lon?: number;
  lat?: number;
  owner_user_id?: number;
  owner_role?: string;
}

export interface BulkResult {
  id: number;
  ok: boolean;
  version: number | null;
  /** The error's code when not ok ("conflict", "forbidden", "invalid_argument"…). */
  error: string | null;
}

export interface AnswerTemplate {
  id: number;
  title: string;
  body: string;
}

export interface ReportCategory {
  code: string;
  name: string;
  name_cs: string;
  name_en: string;
  accepts_reports: boolean;
  extra_fields: ExtraField[];
}

export interface ExtraField {
  key: string;
  type: string;
  label_cs: string;
  label_en: string;
  options?: Array<{ value: string; label_cs: string; label_en: string }>;
}

export interface Contact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export const PAGE_SIZE = 50;

/** Limits of the API in bytes of UTF-8 (store/reports.hpp). */
export const REPORT_LIMITS = { text: 5000, reason: 1000, title: 200 } as const;

// ---- normalising the answers -------------------------------------------------------------------

type Raw = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const optStr = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);
const optNum = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const arr = (v: unknown): Raw[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Raw[]) : []);

/** A name given as `name`, or as `name_cs` / `name_en` (the page's language first). */
function localName(raw: Raw, base: string, language: string): string {
  return str(raw[`${base}_${language}`]) || str(raw[base]) || str(raw[`${base}_cs`]) || str(raw[`${base}_en`]);
}

export function toRow(raw: Raw, language: string): StaffRow {
  const extra = raw.extra && typeof raw.extra === 'object' ? (raw.extra as Record<string, unknown>) : {};
  const publicText = str(raw.public_description);
  return {
    id: num(raw.id),
    town: num(raw.town ?? raw.municipality),
    district_id: optNum(raw.district_id),
    district_name: optStr(raw.district_name),
    category: str(raw.category),
    category_name: localName(raw, 'category_name', language) || str(raw.category),
    lon: num(raw.lon),
    lat: num(raw.lat),
    address_text: str(raw.address_text),
    // The original text: `description` of a staff report (`original_description` if named so).
    description: str(raw.original_description) || str(raw.description),
    public_description: publicText || str(raw.description),
    state: (REPORT_STATES as readonly string[]).includes(str(raw.state)) ? (raw.state as ReportState) : 'new',
    state_reason: optStr(raw.state_reason),
    passed_to: optStr(raw.passed_to),
    duplicate_of: optNum(raw.duplicate_of),
    level: num(raw.level),
    level_name: localName(raw, 'level_name', language),
    owner_name: optStr(raw.owner_name),
    owner_role: optStr(raw.owner_role ?? raw.owner_role_code),
    owner_user_id: optNum(raw.owner_user_id),
    reporter_name: optStr(raw.reporter_name),
    overdue: raw.overdue === true,
    fixed_confirmed: raw.fixed_confirmed === true,
    visibility: (['pending', 'public', 'hidden'].includes(str(raw.visibility)) ? raw.visibility : 'public') as Visibility,
    version: num(raw.version) || 1,
    extra,
    created_at: str(raw.created_at),
    updated_at: str(raw.updated_at),
    first_response_due: optStr(raw.first_response_due),
    resolution_due: optStr(raw.resolution_due),
    level_due: optStr(raw.level_due),
  };
}

function toUpdate(raw: Raw): ReportUpdate {
  const internal = raw.public === false || raw.is_public === false || raw.kind === 'note';
  return {
    id: num(raw.id),
    created_at: str(raw.created_at),
    kind: str(raw.kind),
    author_kind: str(raw.author_kind),
    author_name: optStr(raw.author_name),
    from_state: optStr(raw.from_state),
    to_state: optStr(raw.to_state),
    level: optNum(raw.level),
    body: str(raw.body),
    public: !internal,
  };
}

/** The staff report, whether the flags sit beside `report` or inside it. */
export function toStaffReport(body: Raw, language: string): StaffReport {
  const inner = body.report && typeof body.report === 'object' ? (body.report as Raw) : body;
  const pick = (key: string): unknown => (key in body ? body[key] : inner[key]);
  const next = Array.isArray(pick('next_states')) ? (pick('next_states') as unknown[]) : [];
  return {
    ...toRow({ ...inner, version: inner.version ?? body.version, visibility: inner.visibility ?? body.visibility }, language),
    updates: arr(pick('updates')).map(toUpdate),
    photos: arr(pick('photos')).map((p) => ({ id: num(p.id), url: str(p.url), thumb_url: str(p.thumb_url) || str(p.url), width: num(p.width), height: num(p.height) })),
    next_states: next.filter((s): s is ReportState => (REPORT_STATES as readonly string[]).includes(String(s))),
    can_handle: pick('can_handle') === true,
    can_escalate: pick('can_escalate') === true,
    can_reveal_contact: pick('can_reveal_contact') === true,
    possible_duplicates: arr(pick('possible_duplicates')).map((d) => ({
      id: num(d.id),
      description: str(d.description),
      state: str(d.state),
      created_at: str(d.created_at),
      address_text: str(d.address_text),
    })),
  };
}

function toBulkResult(raw: Raw): BulkResult {
  const error = raw.error;
  const code = typeof error === 'string' ? error : error && typeof error === 'object' ? str((error as Raw).code) : '';
  return { id: num(raw.id), ok: raw.ok === true, version: optNum(raw.version), error: raw.ok === true ? null : code || 'failed' };
}

function toTemplate(raw: Raw): AnswerTemplate {
  return { id: num(raw.id), title: str(raw.title), body: str(raw.body) };
}

// ---- the inbox's query -------------------------------------------------------------------------

/** The query of GET admin/reports (and the CSV) for a filter. */
export function inboxQuery(filter: InboxFilter, limit = PAGE_SIZE): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  if (filter.town) query.town = filter.town;
  if (filter.district) query.district = filter.district;
  if (filter.states.length) query.state = filter.states.join(',');
  if (filter.category) query.category = filter.category;
  if (filter.level !== undefined) query.level = filter.level;
  if (filter.overdue) query.overdue = 1;
  if (filter.mine) query.mine = 1;
  if (filter.pending) query.visibility = 'pending';
  query.limit = limit;
  query.offset = filter.offset;
  return query;
}

/** The CSV export's address for a filter (every matching row: no paging). */
export function csvUrl(filter: InboxFilter): string {
  const url = new URL('/api/v1/admin/reports.csv', window.location.href);
  const query = inboxQuery(filter);
  delete query.limit;
  delete query.offset;
  query.lang = lang();
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.pathname + url.search;
}

// ---- requests ----------------------------------------------------------------------------------

export class ReportsApi {
  constructor(private readonly admin: AdminApi) {}

  private language(): string {
    return lang();
  }

  async inbox(filter: InboxFilter): Promise<{ reports: StaffRow[]; total: number }> {
    const body = await this.admin.request<Raw>('GET', 'admin/reports', { query: { ...inboxQuery(filter), lang: this.language() } });
    return { reports: arr(body?.reports).map((r) => toRow(r, this.language())), total: num(body?.total) };
  }

  async report(id: number): Promise<StaffReport> {
    const body = await this.admin.request<Raw>('GET', `admin/reports/${id}`, { query: { lang: this.language() } });
    return toStaffReport(body, this.language());
  }

  async act(id: number, version: number, input: ReportActionInput): Promise<StaffReport> {
    const body = await this.admin.request<Raw>('POST', `admin/reports/${id}/actions`, { body: { version, ...input }, query: { lang: this.language() } });
    return toStaffReport(body, this.language());
  }

  async bulk(actions: Array<{ id: number; version: number } & ReportActionInput>): Promise<BulkResult[]> {
    const body = await this.admin.request<Raw>('POST', 'admin/reports/bulk', { body: { actions } });
    return arr(body?.results).map(toBulkResult);
  }

  async revealContact(id: number, reason: string): Promise<Contact> {
    const body = await this.admin.request<Raw>('POST', `admin/reports/${id}/contact`, { body: { reason } });
    const inner = body?.contact && typeof body.contact === 'object' ? (body.contact as Raw) : body ?? {};
    return { name: optStr(inner.name), email: optStr(inner.email), phone: optStr(inner.phone) };
  }

  async templates(town: number): Promise<AnswerTemplate[]> {
    const body = await this.admin.request<Raw>('GET', `admin/towns/${town}/report-templates`);
    return arr(body?.templates).map(toTemplate);
  }

  createTemplate(town: number, title: string, text: string): Promise<unknown> {
    return this.admin.request('POST', `admin/towns/${town}/report-templates`, { body: { title, body: text } });
  }

  updateTemplate(id: number, title: string, text: string): Promise<unknown> {
    return this.admin.request('PUT', `admin/report-templates/${id}`, { body: { title, body: text } });
  }

  deleteTemplate(id: number): Promise<unknown> {
    return this.admin.request('DELETE', `admin/report-templates/${id}`);
  }

  async categories(town: number): Promise<ReportCategory[]> {
    const body = await this.admin.request<Raw>('GET', `towns/${town}/report-categories`, { query: { lang: this.language() } });
    return arr(body?.categories).map((c) => ({
      code: str(c.code),
      name: localName(c, 'name', this.language()) || str(c.code),
      name_cs: str(c.name_cs),
      name_en: str(c.name_en),
      accepts_reports: c.accepts_reports !== false,
      extra_fields: arr(c.extra_fields).map((f) => ({
        key: str(f.key),
        type: str(f.type),
        label_cs: str(f.label_cs),
        label_en: str(f.label_en),
        options: arr(f.options).map((o) => ({ value: str(o.value), label_cs: str(o.label_cs), label_en: str(o.label_en) })),
      })),
    }));
  }

  async levels(town: number): Promise<Array<{ level: number; name: string }>> {
    const body = await this.admin.request<Raw>('GET', `towns/${town}/report-levels`);
    return arr(body?.levels).map((l) => ({ level: num(l.level), name: localName(l, 'name', this.language()) }));
  }
}

const clients = new WeakMap<AdminApi, ReportsApi>();

/** The one ReportsApi of an AdminApi. */
export function reportsApi(admin: AdminApi): ReportsApi {
  let client = clients.get(admin);
  if (!client) {
    client = new ReportsApi(admin);
    clients.set(admin, client);
  }
  return client;
}
