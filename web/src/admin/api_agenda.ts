// Client of the district card's content in the back office (docs/http-api.md, "Editing district
// teams and places" and "Editing priorities and events"): lists come from the public GET routes,
// changes go to /api/v1/admin/… with the session cookie and the X-CSRF-Token header. The
// typed calls go through AdminApi.request (any method, the CSRF header, one retry on a stale
// token, the reaction to an ended session).
import { hasKey, type MessageKey } from '../i18n';
import { AdminApiError, SessionExpired, type AdminApi } from './api';
import { focus, type Params } from './dom';
import { showFailure, type Field, type MessageBox } from './forms';

// ---- shapes ------------------------------------------------------------------------------------

export interface Localized {
  cs: string;
  en: string;
}

export interface PlaceKind {
  id: number;
  code: string;
  name: Localized;
  station: boolean;
}

export interface LonLat {
  lon: number;
  lat: number;
}

export interface Place {
  id: number;
  kind: PlaceKind;
  name: string;
  address: string | null;
  opening_hours: string | null;
  note: string | null;
  position: LonLat;
  district_id: number | null;
}

export interface PlaceInput {
  name: string;
  lon: number;
  lat: number;
  address: string;
  opening_hours: string;
  note: string;
  district_id: number;
}

export type PriorityStatus = 'open' | 'in_progress' | 'action_completed' | 'dropped';
export type PrioritySource = 'public_meeting' | 'citizen_reports' | 'survey' | 'other';
export type Outcome = 'worked' | 'partly' | 'did_not_work';

export interface Evaluation {
  outcome: Outcome;
  text: string;
  evaluated_on: string;
  event_id: number | null;
  recorded_at: string;
}

export interface StatusChange {
  from: PriorityStatus | null;
  to: PriorityStatus;
  reason: string | null;
  changed_at: string;
}

export interface Priority {
  id: number;
  district: { id: number; code: string; name: string };
  municipality: number;
  title: string;
  description: string;
  source: PrioritySource;
  raised_on: string;
  source_event_id: number | null;
  action_taken: string | null;
  action_updated_at: string | null;
  status: PriorityStatus;
  status_changed_at: string | null;
  dropped_reason: string | null;
  evaluation: Evaluation | null;
  created_at: string;
  updated_at: string;
  history?: StatusChange[];
}

export interface PriorityInput {
  title?: string;
  description?: string;
  source?: PrioritySource;
  raised_on?: string;
  action_taken?: string;
  source_event_id?: number | null;
}

export type EventKind = 'public_meeting' | 'prevention_event' | 'other';

export interface MeetingEvent {
  id: number;
  uid: string;
  scope: 'district' | 'town';
  district: { id: number; code: string; name: string } | null;
  municipality: number;
  kind: EventKind;
  title: string;
  place_name: string;
  address: string | null;
  position: LonLat | null;
  starts_at: string;
  ends_at: string;
  agenda: string | null;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  cancelled_at: string | null;
  minutes: string | null;
  attendance: number | null;
  minutes_recorded_at: string | null;
  sequence: number;
}

export interface EventInput {
  kind?: EventKind;
  title?: string;
  place_name?: string;
  address?: string;
  starts_at?: string;
  ends_at?: string;
  agenda?: string;
}

export interface Page {
  total: number;
  limit: number;
  offset: number;
  next_offset: number | null;
}

/** Limits of the API in bytes of UTF-8 (docs/http-api.md). */
export const LIMITS = {
  name: 200,
  address: 300,
  placeText: 1000,
  title: 200,
  longText: 4000,
  reason: 1000,
  agenda: 8000,
  minutes: 20000,
  attendance: 100000,
} as const;

// ---- requests ----------------------------------------------------------------------------------

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The agenda and places client: typed calls over the back office's AdminApi.request (the same
 * CSRF header, retry on a stale token and reaction to an ended session). */
export class AgendaApi {
  constructor(private readonly admin: AdminApi) {}

  private send<T>(method: Method, path: string, body?: unknown, query?: Record<string, string | number>): Promise<T> {
    return this.admin.request<T>(method, path, { body, query });
  }

  private get<T>(path: string, query?: Record<string, string | number>): Promise<T> {
    return this.send<T>('GET', path, undefined, query);
  }

  // ---- places --------------------------------------------------------------------------------

  placeKinds(municipality: number): Promise<{ kinds: PlaceKind[] }> {
    return this.get('place-kinds', { municipality });
  }

  async districtPlaces(district: number): Promise<Place[]> {
    const places: Place[] = [];
    let offset: number | null = 0;
    // At most 1,000 places: far more than a district has.
    while (offset !== null && places.length < 1000) {
      const page: Page & { places: Place[] } = await this.get(`districts/${district}/places`, { limit: 100, offset });
      places.push(...page.places);
      offset = page.next_offset;
    }
    return places;
  }

  districtOutline(district: number): Promise<GeoJSON.Feature> {
    return this.get(`areas/${district}`);
  }

  createPlace(municipality: number, kind: string, input: PlaceInput): Promise<{ place: Place }> {
    return this.send('POST', 'admin/places', { municipality, kind, ...input });
  }

  updatePlace(id: number, input: PlaceInput): Promise<{ place: Place }> {
    return this.send('PUT', `admin/places/${id}`, input);
  }

  deletePlace(id: number): Promise<unknown> {
    return this.send('DELETE', `admin/places/${id}`);
  }

  // ---- priorities ----------------------------------------------------------------------------

  priorities(district: number, offset = 0): Promise<Page & { priorities: Priority[] }> {
    return this.get(`districts/${district}/priorities`, { limit: 50, offset });
  }

  async priority(id: number): Promise<Priority> {
    return this.get(`priorities/${id}`);
  }

  createPriority(district: number, input: PriorityInput): Promise<{ priority: Priority }> {
    return this.send('POST', `admin/districts/${district}/priorities`, input);
  }

  updatePriority(id: number, input: PriorityInput): Promise<{ priority: Priority }> {
    return this.send('PATCH', `admin/priorities/${id}`, input);
  }

  priorityStatus(id: number, status: PriorityStatus, reason: string): Promise<{ priority: Priority }> {
    return this.send('POST', `admin/priorities/${id}/status`, reason ? { status, reason } : { status });
  }

  evaluate(id: number, input: { outcome: Outcome; text: string; evaluated_on: string; event_id?: number | null }): Promise<{ priority: Priority }> {
    return this.send('POST', `admin/priorities/${id}/evaluation`, input);
  }

  // ---- events --------------------------------------------------------------------------------

  events(district: number, when: 'upcoming' | 'past', offset = 0, limit = 20): Promise<Page & { events: MeetingEvent[] }> {
    return this.get(`districts/${district}/events`, { when, limit, offset });
  }

  /** The district's and its town's past meetings that were held (not cancelled), latest first. */
  async heldMeetings(district: number): Promise<MeetingEvent[]> {
    const held: MeetingEvent[] = [];
    let offset: number | null = 0;
    while (offset !== null && offset < 300) {
      const page = await this.events(district, 'past', offset, 100);
      held.push(...page.events.filter((e) => e.status !== 'cancelled'));
      offset = page.next_offset;
    }
    return held;
  }

  createDistrictEvent(district: number, input: EventInput): Promise<{ event: MeetingEvent }> {
    return this.send('POST', `admin/districts/${district}/events`, input);
  }

  createTownEvent(town: number, input: EventInput): Promise<{ event: MeetingEvent }> {
    return this.send('POST', `admin/towns/${town}/events`, input);
  }

  updateEvent(id: number, input: EventInput): Promise<{ event: MeetingEvent }> {
    return this.send('PATCH', `admin/events/${id}`, input);
  }

  cancelEvent(id: number, reason: string): Promise<{ event: MeetingEvent }> {
    return this.send('POST', `admin/events/${id}/cancel`, { reason });
  }

  recordMinutes(id: number, minutes: string, attendance: number | null): Promise<{ event: MeetingEvent }> {
    return this.send('POST', `admin/events/${id}/minutes`, attendance === null ? { minutes } : { minutes, attendance });
  }
}

export function calendarFeedUrl(district: number): string {
  return new URL(`/api/v1/districts/${district}/events.ics`, window.location.href).toString();
}

const clients = new WeakMap<AdminApi, AgendaApi>();

/** The one AgendaApi of an AdminApi. */
export function agendaApi(admin: AdminApi): AgendaApi {
  let client = clients.get(admin);
  if (!client) {
    client = new AgendaApi(admin);
    clients.set(admin, client);
  }
  return client;
}

// ---- showing failures --------------------------------------------------------------------------

// Field names the server uses → the form's field (e.g. "position.lon" → the longitude input).
type Fields = Record<string, Field<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>>;

/**
 * Shows an API failure: on its field with this section's own message when there is one
 * ("admin.events.error.starts_at.conflict", "admin.events.error.starts_at"), else as forms.ts
 * shows it. Session ends are left to the app.
 */
export function showAgendaFailure(err: unknown, box: MessageBox, prefix: 'admin.places' | 'admin.priorities' | 'admin.events', fields: Fields = {}): void {
  if (err instanceof SessionExpired) return;
  if (err instanceof AdminApiError && err.field) {
    const field = fields[err.field];
    for (const key of [`${prefix}.error.${err.field}.${err.code}`, `${prefix}.error.${err.field}`]) {
      if (!hasKey(key)) continue;
      if (field) {
        field.setError(key);
        box.error('admin.error.fix');
        focus(field.control);
      } else {
        box.error(key as MessageKey);
      }
      return;
    }
  }
  showFailure(err, box, fields);
}

/** UTF-8 length, the unit of the API's limits. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Marks fields whose text is longer than the API takes; false when any is. */
export function withinLimits(checks: Array<[Field<HTMLInputElement | HTMLTextAreaElement>, number]>, box: MessageBox): boolean {
  let first: Field<HTMLInputElement | HTMLTextAreaElement> | null = null;
  for (const [field, limit] of checks) {
    if (utf8Length(field.value()) > limit) {
      field.setError(['admin.places.too_long', { limit } as Params]);
      first ??= field;
    }
  }
  if (first) {
    box.error('admin.error.fix');
    focus(first.control);
    return false;
  }
  return true;
}

/** Marks fields as required (a "*" after the label, styled in admin-district-sections.css). */
export function markRequired(...fields: Array<Field<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>>): void {
  for (const field of fields) {
    field.control.required = true;
    field.root.querySelector('label')?.classList.add('required');
  }
}
