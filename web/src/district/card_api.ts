// The district card as GET /api/v1/districts/{id} gives it (docs/http-api.md).
import { ApiError } from '../api';
import { lang } from '../i18n';

export interface Localized {
  cs: string;
  en: string;
}

export interface Contact {
  email: string | null;
  phone: string | null;
}

export interface Holder extends Contact {
  name: string;
  photo_url: string | null;
  thumbnail_url: string | null;
  bio: string;
  office_hours: ApiOfficeHours[];
  office_hours_note: string | null;
  since: string | null;
}

export interface TeamMember {
  role: { code: string; name: Localized };
  contact: Contact;
  holder: Holder | null;
}

export interface Place {
  id: number;
  kind: string;
  kind_name: Localized;
  name: string;
  address: string;
  opening_hours: string;
  note: string;
  position: { lon: number; lat: number } | null;
  distance_m?: number | null;
}

export interface Priority {
  id: number;
  title: string;
  description: string;
  status: string;
  action_taken: string;
  raised_on: string | null;
  updated_at: string | null;
  evaluation: { outcome: string; text: string; evaluated_on: string | null } | null;
}

export interface MeetingEvent {
  id: number;
  title: string;
  kind: string;
  starts_at: string;
  ends_at: string | null;
  place_name: string;
  address: string;
  agenda: string;
  status: string;
  cancel_reason?: string | null;
}

export interface DistrictCard {
  district: { id: number; code: string; name: string };
  municipality: { code: number; name: string };
  city_part: { id: number; name: string } | null;
  team: TeamMember[];
  places: Place[];
  nearest_stations: Place[];
  priorities: Priority[];
  events: MeetingEvent[];
  safety_summary: unknown;
}

const API_ROOT = new URL('/api/v1/', window.location.href);

async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, API_ROOT), { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new ApiError(0, 'network', String(err));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, 'bad_response', `${path}: response is not JSON`);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? '');
  }
  return body as T;
}

/** The district id of a path like "/districts/17" or "/districts/17/print". */
export function districtIdFromPath(pathname: string): number | null {
  const match = /^\/districts\/(\d{1,15})(?:\/|$)/.exec(pathname);
  return match ? Number(match[1]) : null;
}

// The server's card (docs/http-api.md, "District card").
interface ApiContact {
  email: string | null;
  phone: string | null;
}
export interface ApiOfficeHours {
  weekday: number; // ISO: 1 = Monday
  from: string;
  to: string;
  place: string | null;
}
interface ApiHolder {
  name: string;
  photo: { url: string; thumbnail_url: string } | null;
  bio: string | null;
  office_hours: ApiOfficeHours[];
  office_hours_note: string | null;
  contact: ApiContact;
  since: string | null;
}
interface ApiPlace {
  id: number;
  kind: { code: string; name: Localized };
  name: string;
  address: string | null;
  opening_hours: string | null;
  note: string | null;
  position: { lon: number; lat: number } | null;
  distance_m?: number;
}
interface ApiCard {
  district: { id: number; code: string; name: string };
  town: { code: number; name: string };
  city_part: { id: number; code: string; name: string } | null;
  team: { role: { code: string; name: Localized }; contact: ApiContact; holder: ApiHolder | null }[];
  places: { items: ApiPlace[]; total: number; more: boolean };
  nearest_stations: ApiPlace[];
  priorities?: Priority[];
  events?: MeetingEvent[];
  safety_summary: unknown;
}

/** "Po 9:00–11:00 (služebna Opletalova)" lines, in the page's language (formatted when shown,
 * so switching the language renames the days). */
export function officeHoursText(hours: ApiOfficeHours[], note: string | null): string {
  const day = new Intl.DateTimeFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const name = (weekday: number) => day.format(new Date(Date.UTC(2024, 0, weekday)));
  const lines = hours.map((h) => `${name(h.weekday)} ${h.from}–${h.to}${h.place ? ` (${h.place})` : ''}`);
  if (note) lines.push(note);
  return lines.join('\n');
}

function place(p: ApiPlace): Place {
  return {
    id: p.id,
    kind: p.kind.code,
    kind_name: p.kind.name,
    name: p.name,
    address: p.address ?? '',
    opening_hours: p.opening_hours ?? '',
    note: p.note ?? '',
    position: p.position,
    distance_m: p.distance_m ?? null,
  };
}

export async function fetchCard(id: number): Promise<DistrictCard> {
  const card = await getJson<ApiCard>(`districts/${id}`);
  return {
    district: card.district,
    municipality: card.town,
    city_part: card.city_part,
    team: card.team.map((seat) => ({
      role: seat.role,
      contact: seat.contact,
      holder: seat.holder && {
        name: seat.holder.name,
        photo_url: seat.holder.photo?.url ?? null,
        thumbnail_url: seat.holder.photo?.thumbnail_url ?? null,
        bio: seat.holder.bio ?? '',
        office_hours: seat.holder.office_hours,
        office_hours_note: seat.holder.office_hours_note,
        email: seat.holder.contact.email,
        phone: seat.holder.contact.phone,
        since: seat.holder.since,
      },
    })),
    places: card.places.items.map(place),
    nearest_stations: card.nearest_stations.map(place),
    priorities: card.priorities ?? [],
    events: card.events ?? [],
    safety_summary: card.safety_summary,
  };
}

/** The district outline as a GeoJSON Feature (GET /api/v1/areas/{id}). */
export function fetchOutline(id: number): Promise<GeoJSON.Feature> {
  return getJson<GeoJSON.Feature>(`areas/${id}`);
}

export function calendarUrl(id: number): string {
  return new URL(`districts/${id}/events.ics`, API_ROOT).toString();
}

export function qrUrl(id: number): string {
  return new URL(`districts/${id}/qr.svg`, API_ROOT).toString();
}
