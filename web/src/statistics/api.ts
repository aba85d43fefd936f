// Client of the statistics API (/api/v1/statistics/…, docs: stats contract of issue 7). Public
// figures come published: a hidden cell has "count": null and a status saying why.
import { ApiError } from '../api';

export type Level = 'town' | 'city_part' | 'district';
export type Bucket = 'period' | 'month' | 'week' | 'hour' | 'weekday';
/** ok, or why a figure is hidden: suppressed (< min count), complementary, withheld (area). */
export type CellStatus = 'ok' | 'suppressed' | 'complementary' | 'withheld' | string;

export interface Period {
  from: string;
  to: string;
}

export interface Category {
  id: number;
  code: string;
  parent_id: number | null;
  level: number;
  name: string;
  sensitive: boolean;
}

export interface Meta {
  town: { code: number; name: string };
  data_version: number | string;
  periods: { first: string; last: string } | null;
  default_period: Period | null;
  categories: Category[];
  rules: { min_count: number; min_area_m2: number; min_population: number };
  sources: Array<{ name: string; attribution?: string; licence?: string }>;
}

export interface TableRow {
  area_id: number | null;
  category_id: number | null;
  bucket: string | null;
  count: number | null;
  status: CellStatus;
  rate_per_1000: number | null;
  previous?: number | null;
  previous_status?: CellStatus | null;
}

export interface Table {
  period: Period;
  previous_period: Period | null;
  level: Level;
  bucket: Bucket;
  areas: Array<{ id: number; name: string; population: number | null; withheld?: boolean }>;
  categories: Array<{ id: number; name: string }>;
  buckets: Array<{ key: string; label: string }>;
  rows: TableRow[];
  notes: string[];
  dropped_sensitive_categories: unknown[];
}

export interface AreaStat {
  id: number;
  name: string;
  count: number | null;
  status: CellStatus;
  rate_per_1000: number | null;
  population: number | null;
}

export type AreaStats = GeoJSON.FeatureCollection<GeoJSON.Geometry, AreaStat>;

export interface DistrictSummary {
  district: { id: number; name: string };
  /** null without incidents in the town. */
  period: Period | null;
  total: number | null;
  total_status: CellStatus;
  previous_total: number | null;
  change_percent: number | null;
  rate_per_1000: number | null;
  town_rate_per_1000: number | null;
  top_categories: Array<{ id: number; name: string; count: number | null; status: CellStatus }>;
  reports: { count: number; period?: Period | string };
}

export type Query = Record<string, string | number | undefined | null>;

const API_ROOT = new URL('/api/v1/', window.location.href);

/** The API's absolute URL of `path` with the query's non-empty values (also for download links). */
export function apiUrl(path: string, query: Query = {}): string {
  const url = new URL(path, API_ROOT);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.pathname + url.search;
}

export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', String(err));
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null;
  if (!response.ok) {
    const error = body?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.field);
  }
  if (body === null) throw new ApiError(response.status, 'bad_response', `${path}: not JSON`);
  return body as T;
}

export const fetchMeta = (town: number | null, signal?: AbortSignal) => getJson<Meta>('statistics/meta', { town }, signal);
export const fetchTable = (query: Query, signal?: AbortSignal) => getJson<Table>('statistics/table', query, signal);
export const fetchAreaStats = (query: Query, signal?: AbortSignal) => getJson<AreaStats>('statistics/areas', { ...query, format: 'geojson' }, signal);
export const fetchDistrictSummary = (id: number) => getJson<DistrictSummary>(`statistics/districts/${id}/summary`);

/** True when a published figure is hidden (its count is null). */
export const isHidden = (row: { count: number | null }) => row.count === null;
