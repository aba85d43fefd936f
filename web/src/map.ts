// The Leaflet map: district polygons (SVG paths), the selected district and the marker.
import L from 'leaflet';
import type { AreaCollection, AreaProperties, SiteConfig } from './api';
import { t } from './i18n';

export interface DistrictMap {
  map: L.Map;
  showDistricts(collection: AreaCollection): number;
  select(lat: number, lon: number, districtId: number | null): void;
  highlight(districtId: number | null): void;
  clear(): void;
  focusOn(lat: number, lon: number): void;
  reveal(districtId: number): void;
  /** Fits the view to all districts (the first view when nothing is selected). */
  fitDistricts(): void;
  relabel(): void;
}

const prefersReducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

// Calm, distinguishable fills per police directorate (obvodní ředitelství 1–15).
const PALETTE = ['#dbe7f3', '#e4eddc', '#f3e6d6', '#e6e0f0', '#d9ece9', '#f1dfe3', '#ebe9d5', '#dde3ea'];

function groupOf(props: AreaProperties): string {
  const attr = props.attributes?.['MC_PRAHA'];
  if (attr !== undefined && attr !== null) return String(attr);
  return (props.code ?? '').split('-')[0] ?? '';
}

function fillFor(props: AreaProperties): string {
  const group = groupOf(props);
  let hash = 0;
  for (const ch of group) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const n = Number(group);
  return PALETTE[(Number.isInteger(n) ? n : hash) % PALETTE.length] ?? PALETTE[0]!;
}

const BASE_STYLE: L.PathOptions = { color: '#5d6f82', weight: 0.8, opacity: 0.9, fillOpacity: 0.85 };
const HOVER_STYLE: L.PathOptions = { color: '#0b2a4a', weight: 2 };
const SELECTED_STYLE: L.PathOptions = {
  color: '#0b4f9c',
  weight: 3,
  opacity: 1,
  fillColor: '#2f7de1',
  fillOpacity: 0.45,
};

const markerIcon = L.divIcon({
  className: 'okrsek-marker',
  html:
    '<svg viewBox="0 0 32 44" width="32" height="44" aria-hidden="true" focusable="false">' +
    '<path d="M16 1C7.7 1 1 7.6 1 15.8 1 27 16 43 16 43s15-16 15-27.2C31 7.6 24.3 1 16 1Z" ' +
    'fill="#c8102e" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="5.5" fill="#fff"/></svg>',
  iconSize: [32, 44],
  iconAnchor: [16, 43],
});

export function createMap(container: HTMLElement, config: SiteConfig, onPick: (lat: number, lon: number) => void): DistrictMap {
  const map = L.map(container, {
    center: [config.center.lat, config.center.lon],
    zoom: config.zoom,
    minZoom: 9,
    zoomSnap: 0.5,
    maxZoom: 18,
    zoomControl: false,
    attributionControl: false,
    zoomAnimation: !prefersReducedMotion,
    fadeAnimation: !prefersReducedMotion,
    markerZoomAnimation: !prefersReducedMotion,
    renderer: L.svg({ padding: 0.5 }),
  });
  const zoom = L.control.zoom({ position: 'topright' }).addTo(map);
  const attribution = L.control.attribution({ prefix: false, position: 'bottomright' }).addTo(map);

  let districts: L.GeoJSON<AreaProperties> | null = null;
  const byId = new Map<number, L.Path>();
  let selectedId: number | null = null;
  let marker: L.Marker | null = null;
  let dataAttribution = '';
  // Districts are see-through over tiles, and opaque over the plain background when there
  // are no tiles or none of them loads (no network, tile server down).
  let tilesVisible = false;

  if (config.tiles) {
    tilesVisible = true;
    container.dataset.tiles = 'loading';
    let loaded = 0;
    let failed = 0;
    // The page is served with "Referrer-Policy: no-referrer", but tile servers such as
    // OpenStreetMap's require a Referer: send the origin only, for tiles only.
    const tiles = L.tileLayer(config.tiles.url, {
      attribution: config.tiles.attribution,
      maxZoom: 19,
      referrerPolicy: 'strict-origin-when-cross-origin',
    });
    tiles.on('tileload', () => {
      loaded++;
      container.dataset.tiles = 'ok';
    });
    tiles.on('tileerror', () => {
      if (loaded > 0 || ++failed < 4 || !tilesVisible) return;
      tilesVisible = false;
      container.dataset.tiles = 'failed';
      tiles.remove();
      restyleAll();
    });
    tiles.addTo(map);
  }

  function styleOf(props: AreaProperties): L.PathOptions {
    return { ...BASE_STYLE, fillColor: fillFor(props), fillOpacity: tilesVisible ? 0.35 : 0.85 };
  }

  function propsOf(path: L.Path): AreaProperties {
    return (path as L.Path & { feature?: GeoJSON.Feature<GeoJSON.Geometry, AreaProperties> }).feature?.properties ?? ({} as AreaProperties);
  }

  function restyleAll(): void {
    for (const [id, path] of byId) path.setStyle(id === selectedId ? SELECTED_STYLE : styleOf(propsOf(path)));
  }

  function setAttribution(): void {
    if (dataAttribution) attribution.removeAttribution(dataAttribution);
    // The licence's credit line is Czech in both languages ("datový podklad © IPR Praha").
    const text = t('map.attribution').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    dataAttribution = `<span lang="cs">${text}</span>`;
    attribution.addAttribution(dataAttribution);
  }

  function relabelZoom(): void {
    const zoomIn = container.querySelector<HTMLElement>('.leaflet-control-zoom-in');
    const zoomOut = container.querySelector<HTMLElement>('.leaflet-control-zoom-out');
    for (const [el, label] of [
      [zoomIn, t('map.zoomIn')],
      [zoomOut, t('map.zoomOut')],
    ] as const) {
      if (!el) continue;
      el.title = label;
      el.setAttribute('aria-label', label);
    }
    void zoom;
  }

  map.on('click', (e: L.LeafletMouseEvent) => onPick(e.latlng.lat, e.latlng.lng));
  container.addEventListener('keydown', (e) => {
    // Enter on the map itself (not on a control inside it) picks the centre of the view.
    if (e.key === 'Enter' && e.target === container) {
      const c = map.getCenter();
      onPick(c.lat, c.lng);
    }
  });

  const api: DistrictMap = {
    map,
    showDistricts(collection) {
      districts?.remove();
      byId.clear();
      districts = L.geoJSON<AreaProperties>(collection, {
        style: (feature) => styleOf(feature?.properties ?? ({} as AreaProperties)),
        onEachFeature: (feature, layer) => {
          const props = feature.properties;
          const path = layer as L.Path;
          const id = Number(props?.id ?? feature.id);
          if (Number.isFinite(id)) byId.set(id, path);
          if (props?.name) {
            path.bindTooltip(props.name, { sticky: true, direction: 'right', offset: [14, 0], className: 'district-tooltip' });
          }
          // Registered after bindTooltip's own handlers, so these run last. The selected
          // district's name is in the panel already; its tooltip would only cover the marker.
          path.on('mouseover', () => {
            if (id !== selectedId) path.setStyle(HOVER_STYLE);
            else path.closeTooltip();
          });
          path.on('click', () => path.closeTooltip());
          path.on('mouseout', () => {
            if (id !== selectedId) path.setStyle(styleOf(props));
          });
          path.on('add', () => {
            const el = path.getElement();
            if (!el) return;
            el.setAttribute('data-area-id', String(id));
            // Chromium makes SVG elements with focus listeners (the tooltip's) tab stops: 226 of
            // them would bury the form. The map itself stays focusable; Enter picks its centre.
            el.setAttribute('tabindex', '-1');
          });
        },
        className: 'okrsek-district',
      } as L.GeoJSONOptions<AreaProperties>).addTo(map);
      const count = districts.getLayers().length;
      container.dataset.districtCount = String(count);
      api.highlight(selectedId);
      return count;
    },
    select(lat, lon, districtId) {
      const at = L.latLng(lat, lon);
      if (marker) marker.setLatLng(at);
      else marker = L.marker(at, { icon: markerIcon, keyboard: false, interactive: false }).addTo(map);
      api.highlight(districtId);
    },
    highlight(districtId) {
      if (selectedId !== null) {
        const old = byId.get(selectedId);
        if (old) {
          old.setStyle(styleOf(propsOf(old)));
          old.getElement()?.classList.remove('is-selected');
        }
      }
      selectedId = districtId;
      container.dataset.selectedDistrict = districtId === null ? '' : String(districtId);
      if (districtId === null) return;
      const path = byId.get(districtId);
      if (!path) return;
      path.setStyle(SELECTED_STYLE);
      path.getElement()?.classList.add('is-selected');
      (path as L.Path & { bringToFront(): void }).bringToFront();
    },
    clear() {
      marker?.remove();
      marker = null;
      api.highlight(null);
    },
    focusOn(lat, lon) {
      const target = L.latLng(lat, lon);
      const zoomTo = Math.max(map.getZoom(), 14);
      map.setView(target, zoomTo, { animate: !prefersReducedMotion });
    },
    reveal(districtId) {
      // A click on the whole-city view picks a tiny polygon: bring it into view.
      const path = byId.get(districtId) as (L.Path & { getBounds?(): L.LatLngBounds }) | undefined;
      if (!path?.getBounds || map.getZoom() >= 12.5) return;
      map.flyToBounds(path.getBounds(), { padding: [24, 24], maxZoom: 15, animate: !prefersReducedMotion, duration: 0.6 });
    },
    fitDistricts() {
      const bounds = districts?.getBounds();
      if (bounds?.isValid()) map.fitBounds(bounds, { padding: [12, 12], animate: false });
    },
    relabel() {
      setAttribution();
      relabelZoom();
    },
  };
  api.relabel();
  return api;
}

