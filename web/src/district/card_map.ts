// A small map of the district: its outline and its places. Decorative for screen readers: the
// same places are listed in text right under it.
import L from 'leaflet';
import { fetchConfig } from '../api';
import { t } from '../i18n';
import type { Place } from './card_api';

const placeIcon = (kind: string) =>
  L.divIcon({
    className: `card-place-marker card-place-${kind.replace(/[^a-z_]/g, '')}`,
    html: '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="9" fill="#0b5cad" stroke="#fff" stroke-width="3"/></svg>',
    iconSize: [24, 24],
    iconAnchor: [12, 12],
  });

export async function drawCardMap(container: HTMLElement, outline: GeoJSON.Feature | null, places: Place[]): Promise<void> {
  const config = await fetchConfig().catch(() => null);
  const map = L.map(container, {
    zoomControl: true,
    attributionControl: false,
    scrollWheelZoom: false,
    zoomAnimation: false,
  });
  if (config?.tiles) {
    L.tileLayer(config.tiles.url, { maxZoom: 19 }).addTo(map);
    if (config.tiles.attribution) L.control.attribution({ prefix: false }).addAttribution(config.tiles.attribution).addTo(map);
  }
  const bounds = L.latLngBounds([]);
  if (outline) {
    const layer = L.geoJSON(outline, { style: { color: '#0b4f9c', weight: 3, fillColor: '#2f7de1', fillOpacity: 0.2 } }).addTo(map);
    bounds.extend(layer.getBounds());
  }
  for (const place of places) {
    if (!place.position) continue;
    const marker = L.marker([place.position.lat, place.position.lon], { icon: placeIcon(place.kind), keyboard: false, title: place.name });
    marker.addTo(map);
    if (!outline) bounds.extend(marker.getLatLng());
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16 });
  else map.setView([50.08, 14.44], 12);
  container.setAttribute('aria-label', t('district.map.label'));
  container.dataset.ready = 'true';
}
