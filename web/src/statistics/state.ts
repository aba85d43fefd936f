// The page's state lives in the query string, so every view can be shared and bookmarked:
// ?town=CODE&from=YYYY-MM&to=YYYY-MM&level=district&category=ID&measure=rate&area=ID[&lang=en]
import { lang } from '../i18n';
import type { Measure } from './choropleth';

export type MapLevel = 'city_part' | 'district';

export interface StatState {
  town: number | null;
  from: string | null;
  to: string | null;
  level: MapLevel;
  category: number | null;
  measure: Measure;
  area: number | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function id(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

export function readState(search: URLSearchParams): StatState {
  const month = (key: string) => {
    const v = search.get(key);
    return v && MONTH.test(v) ? v : null;
  };
  return {
    town: id(search.get('town')),
    from: month('from'),
    to: month('to'),
    level: search.get('level') === 'city_part' ? 'city_part' : 'district',
    category: id(search.get('category')),
    measure: search.get('measure') === 'rate' ? 'rate' : 'count',
    area: id(search.get('area')),
  };
}

export function stateQuery(state: StatState): URLSearchParams {
  const q = new URLSearchParams();
  if (state.town !== null) q.set('town', String(state.town));
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  q.set('level', state.level);
  if (state.category !== null) q.set('category', String(state.category));
  if (state.measure === 'rate') q.set('measure', 'rate');
  if (state.area !== null) q.set('area', String(state.area));
  if (lang() !== 'cs') q.set('lang', lang());
  return q;
}

export function writeState(state: StatState): void {
  const url = new URL(window.location.href);
  url.search = stateQuery(state).toString();
  window.history.replaceState(null, '', url);
}

/** Every month from `first` to `last` inclusive ("YYYY-MM"), at most 240. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while ((y < ly || (y === ly && m <= lm)) && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
