// Stations and info boxes of the district, and the town's nearest stations when it has none.
import { formatCount, lang, t } from '../i18n';
import type { Place } from './card_api';
import { el, paragraphs, section } from './dom';

function distanceText(metres: number): string {
  if (metres < 1000) return t('district.places.distanceM', { distance: formatCount(Math.round(metres / 10) * 10) });
  const km = new Intl.NumberFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { maximumFractionDigits: 1 }).format(metres / 1000);
  return t('district.places.distanceKm', { distance: km });
}

function placeItem(place: Place): HTMLElement {
  const li = el('li', 'place');
  li.dataset.kind = place.kind;
  li.dataset.placeId = String(place.id);
  li.append(el('p', 'place-kind', place.kind_name[lang()] || place.kind_name.cs));
  li.append(el('h3', 'place-name', place.name));
  if (place.address) li.append(el('p', 'place-address', place.address));
  if (typeof place.distance_m === 'number') li.append(el('p', 'place-distance', distanceText(place.distance_m)));
  if (place.opening_hours) {
    li.append(el('h4', 'contact-heading', t('district.places.hours')), paragraphs(place.opening_hours, 'place-hours'));
  }
  if (place.note) li.append(paragraphs(place.note, 'place-note'));
  return li;
}

export function renderPlaces(places: Place[], nearest: Place[], map: HTMLElement): HTMLElement {
  const { root, body } = section('places', t('district.places.heading'));
  body.append(map);
  if (places.length) {
    const list = el('ul', 'place-list');
    for (const place of places) list.append(placeItem(place));
    body.append(list);
  } else {
    body.append(el('p', 'card-empty', t('district.places.none')));
  }
  const outside = nearest.filter((n) => !places.some((p) => p.id === n.id));
  if (outside.length) {
    body.append(el('h3', 'card-subheading', t('district.places.nearest')));
    const list = el('ul', 'place-list place-list-nearest');
    for (const place of outside) list.append(placeItem(place));
    body.append(list);
  }
  return root;
}
