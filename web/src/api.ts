// Typed client for the okrsek JSON API (/api/v1). Errors become ApiError with the server's
// code so the UI can show its own localized message instead of the raw one.

export interface TilesConfig {
  url: string;
  attribution: string;
}

export interface SiteConfig {
  tiles: TilesConfig | null;
  default_layer: string;
  center: { lon: number; lat: number };
  zoom: number;
}

export interface AreaRef {
  layer: string;
  id: number;
  code: string;
  name: string;
  municipality: number;
}

export interface LookupResult {
  lon: number;
  lat: number;
  areas: AreaRef[];
}

export interface LayerInfo {
  name: string;
  version: number;
  area_count: number;
  updated_at: string;
}

export interface Municipality {
  code: number;
  name: string;
}

export interface AreaProperties {
  id: number;
  code?: string;
  name?: string;
  layer?: string;
  municipality?: number;
  attributes?: Record<string, unknown>;
}

export interface AreaCollection extends GeoJSON.FeatureCollection<GeoJSON.Geometry, AreaProperties> {}

/** `code` is the server's error code, or "network" / "bad_response" for failures on our side. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const API_ROOT = new URL('api/v1/', new URL('/', window.location.href));

async function getJson<T>(path: string, params: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
  const url = new URL(path, API_ROOT);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', String(err));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, 'bad_response', `${url.pathname}: response is not JSON`);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } })?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_' + response.status,
      error?.message ?? response.statusText,
      error?.field,
    );
  }
  return body as T;
}

export const DEFAULT_CONFIG: SiteConfig = {
  tiles: null,
  default_layer: 'districts',
  center: { lon: 14.44, lat: 50.08 },
  zoom: 11,
};

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Fills what a server's /config left out (or got wrong) from DEFAULT_CONFIG. */
export function normalizeConfig(raw: Partial<SiteConfig> | null | undefined): SiteConfig {
  const c = raw ?? {};
  const tiles = c.tiles && typeof c.tiles.url === 'string' && c.tiles.url.includes('{z}') ? c.tiles : null;
  const center = c.center && isNum(c.center.lat) && isNum(c.center.lon) ? c.center : DEFAULT_CONFIG.center;
  return {
    tiles: tiles ? { url: tiles.url, attribution: typeof tiles.attribution === 'string' ? tiles.attribution : '' } : null,
    default_layer: typeof c.default_layer === 'string' && c.default_layer ? c.default_layer : DEFAULT_CONFIG.default_layer,
    center,
    zoom: isNum(c.zoom) ? c.zoom : DEFAULT_CONFIG.zoom,
  };
}

export async function fetchConfig(): Promise<SiteConfig> {
  return normalizeConfig(await getJson<Partial<SiteConfig>>('config'));
}

export function fetchDistricts(layer: string): Promise<AreaCollection> {
  return getJson<AreaCollection>('areas', { layer, simplify: '5' });
}

export function fetchLayers(): Promise<{ layers: LayerInfo[] }> {
  return getJson<{ layers: LayerInfo[] }>('layers');
}

export function fetchMunicipalities(): Promise<{ municipalities: Municipality[] }> {
  return getJson<{ municipalities: Municipality[] }>('municipalities');
}

export function lookup(lat: number, lon: number, signal?: AbortSignal): Promise<LookupResult> {
  return getJson<LookupResult>('lookup', { lon: formatCoord(lon), lat: formatCoord(lat) }, signal);
}

export interface AddressMatch {
  code: number;
  label: string;
  street: string;
  house_number: number;
  evidence_number: boolean;
  orientation_number: number | null;
  orientation_letter: string | null;
  part: string;
  city_part: { code: number; name: string } | null;
  municipality: { code: number; name: string };
  postcode: string;
  position: { lon: number; lat: number } | null;
  district: { id: number; code: string; name: string } | null;
  area_city_part: { id: number; name: string } | null;
}

export function searchAddresses(
  q: string,
  options: { limit: number; town: number | null },
  signal?: AbortSignal,
): Promise<{ query: string; addresses: AddressMatch[] }> {
  const params: Record<string, string> = { q, limit: String(options.limit) };
  if (options.town) params.town = String(options.town);
  return getJson('addresses', params, signal);
}

/** Up to 6 decimals (about 0.1 m), without trailing zeros: "50.0875". */
export function formatCoord(value: number): string {
  return String(Number(value.toFixed(6)));
}
