// The staff statistics calls (stats contract, issue 7): exact tables, hotspot cells and exact
// incident points (both audited by the server), area profiles. All through AdminApi.request, so
// a 401 ends the session as everywhere else in the back office.
import type { Query, Table } from '../statistics/api';
import type { AdminApi } from './api';

export type HotspotMethod = 'grid' | 'gi' | 'kde' | 'localmoran';

export interface HotspotCell {
  count: number | null;
  status?: string;
  z?: number;
  p?: number;
  significant?: boolean;
  hot?: boolean;
  cold?: boolean;
  density?: number;
  quadrant?: string;
}

export interface Hotspots extends GeoJSON.FeatureCollection<GeoJSON.Geometry, HotspotCell> {
  parameters?: Record<string, number | string | null>;
  cell_m?: number;
  total?: number;
}

export interface IncidentPoint {
  id: number;
  occurred_at: string;
  types: number[];
  district_id: number | null;
}

export type IncidentPoints = GeoJSON.FeatureCollection<GeoJSON.Point, IncidentPoint>;

export interface AreaProfileBody {
  population: number | null;
  amenities: Record<string, number>;
  prevention_workers: Record<string, number>;
}

export interface AreaProfileAnswer extends Partial<AreaProfileBody> {
  area_id?: number;
  population_source?: string | null;
}

/** Only the non-empty values of a query (request() sends every key it is given). */
export function clean(query: Query): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') out[key] = value;
  return out;
}

export const staffTable = (api: AdminApi, query: Query) => api.request<Table>('GET', 'admin/statistics/table', { query: clean(query) });
export const hotspots = (api: AdminApi, query: Query) => api.request<Hotspots>('GET', 'admin/crime/hotspots', { query: clean(query) });
export const incidentPoints = (api: AdminApi, query: Query) => api.request<IncidentPoints>('GET', 'admin/crime/incidents', { query: clean(query) });
export const areaProfile = (api: AdminApi, id: number) => api.request<AreaProfileAnswer>('GET', `admin/areas/${id}/profile`);
export const saveAreaProfile = (api: AdminApi, id: number, body: AreaProfileBody) => api.request<AreaProfileAnswer>('PUT', `admin/areas/${id}/profile`, { body });

/** The town of the signed-in user's grants ("municipality:CODE"), else null. */
export function grantTown(scopes: string[]): number | null {
  for (const scope of scopes) {
    const m = /^municipality:(\d{1,9})$/.exec(scope);
    if (m) return Number(m[1]);
  }
  return null;
}
