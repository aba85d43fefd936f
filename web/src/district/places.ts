// Stations and info boxes of the district, and the town's nearest stations outside it: their
// distance from the citizen's address when the card was opened from a search (the point rides
// in the URL fragment, "#from=lat,lon", never sent to the server), else from the district's
// centre as the API measures it.
import { formatCount, lang, t } from '../i18n';
import type { Place } from './card_api';
import { el, paragraphs, section } from './dom';

export interface Point {
  lat: number;
  lon: number;
}

/** The point of "#from=lat,lon" in a URL fragment, or null. */
export function fromPoint(hash: string): Point | null {
  const m = /^#from=(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(hash);
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
function metresBetween(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(s)));
}

function distanceText(metres: number, fromAddress: boolean): string {
  const suffix = fromAddress ? 'FromAddress' : 'FromCentre';
  if (metres < 1000) {
    return t(`district.places.distanceM${suffix}`, { distance: formatCount(Math.round(metres / 10) * 10) });
  }
  const km = new Intl.NumberFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { maximumFractionDigits: 1 }).format(metres / 1000);
  return t(`district.places.distanceKm${suffix}`, { distance: km });
}

function placeItem(place: Place, distance: { metres: number; fromAddress: boolean } | null): HTMLElement {
  const li = el('li', 'place');
  li.dataset.kind = place.kind;
  li.dataset.placeId = String(place.id);
  li.append(el('p', 'place-kind', place.kind_name[lang()] || place.kind_name.cs));
  li.append(el('h3', 'place-name', place.name));
  if (place.address) li.append(el('p', 'place-address', place.address));
  if (distance) li.append(el('p', 'place-distance', distanceText(distance.metres, distance.fromAddress)));
  if (place.opening_hours) {
    li.append(el('h4', 'contact-heading', t('district.places.hours')), paragraphs(place.opening_hours, 'place-hours'));
  }
  if (place.note) li.append(paragraphs(place.note, 'place-note'));
  return li;
}

export function renderPlaces(places: Place[], nearest: Place[], map: HTMLElement, from: Point | null): HTMLElement {
  const { root, body } = section('places', t('district.places.heading'));
  body.append(map);
  if (places.length) {
    const list = el('ul', 'place-list');
    for (const place of places) list.append(placeItem(place, null));
    body.append(list);
  } else {
    body.append(el('p', 'card-empty', t('district.places.none')));
  }
  const outside = nearest
    .filter((n) => !places.some((p) => p.id === n.id))
    .map((place) => {
      if (from && place.position) return { place, distance: { metres: metresBetween(from, place.position), fromAddress: true } };
      return { place, distance: typeof place.distance_m === 'number' ? { metres: place.distance_m, fromAddress: false } : null };
    })
    .sort((a, b) => (a.distance?.metres ?? Infinity) - (b.distance?.metres ?? Infinity));
  if (outside.length) {
    body.append(el('h3', 'card-subheading', t('district.places.nearest')));
    const list = el('ul', 'place-list place-list-nearest');
    for (const { place, distance } of outside) list.append(placeItem(place, distance));
    body.append(list);
  }
  return root;
}
