// The shareable URL: ?lat=…&lon=…&lang=en, kept in sync with history.replaceState.
import { formatCoord } from './api';
import { DEFAULT_LANG, type Lang } from './i18n';

export interface UrlState {
  lat: number | null;
  lon: number | null;
}

export function readPoint(search: URLSearchParams): { lat: number; lon: number } | null {
  const lat = Number(search.get('lat') ?? Number.NaN);
  const lon = Number(search.get('lon') ?? Number.NaN);
  if (!search.has('lat') || !search.has('lon')) return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

export function writeUrl(point: UrlState, lang: Lang): void {
  const url = new URL(window.location.href);
  const params = url.searchParams;
  if (point.lat !== null && point.lon !== null) {
    params.set('lat', formatCoord(point.lat));
    params.set('lon', formatCoord(point.lon));
  } else {
    params.delete('lat');
    params.delete('lon');
  }
  if (lang === DEFAULT_LANG) params.delete('lang');
  else params.set('lang', lang);
  // Keep a stable parameter order: lat, lon, lang, then anything else.
  const ordered = new URLSearchParams();
  for (const key of ['lat', 'lon', 'lang']) {
    const value = params.get(key);
    if (value !== null) ordered.set(key, value);
  }
  for (const [key, value] of params) if (!ordered.has(key)) ordered.append(key, value);
  url.search = ordered.toString();
  window.history.replaceState(null, '', url);
}
