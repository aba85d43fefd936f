// Where the problem is: a pin on the map, an address from the search, the device's location,
// or typed coordinates (the keyboard's way to the map). A lookup names the district and town.
import { ApiError, DEFAULT_CONFIG, fetchConfig, fetchDistricts, formatCoord, lookup, type AddressMatch } from '../api';
import { createAddressSearch, type AddressSearch } from '../address_search';
import { parseNumber } from '../coords';
import { LocateError, locate } from '../geolocate';
import { t, type MessageKey } from '../i18n';
import { createMap, type DistrictMap } from '../map';
import { el } from '../district/dom';
import { field, input, type Field } from './fields';

export interface Place {
  lat: number;
  lon: number;
  town: number | null;
  district: { id: number; name: string } | null;
}

export interface PlacePicker {
  /** The search, location button and map: outside the report form (the search is a form). */
  finder: HTMLElement;
  /** Latitude, longitude and the place's description: inside the report form. */
  fields: HTMLElement;
  place(): Place | null;
  addressText(): string;
  setError(message: string | null): void;
  focus(): void;
  relabel(): void;
  /** Draws the map (after the finder is in the document). */
  start(preset: { lat: number | null; lon: number | null; district: number | null }): Promise<void>;
}

declare global {
  interface Window {
    __okrsekReportMap?: import('leaflet').Map;
  }
}

export function createPlacePicker(onChange: (place: Place | null) => void): PlacePicker {
  let current: Place | null = null;
  let districtMap: DistrictMap | null = null;
  let search: AddressSearch | null = null;
  let seq = 0;
  let summaryKey: MessageKey | null = null;

  // --- the finder (outside the report form)
  const finder = el('section', 'report-box report-place');
  finder.setAttribute('aria-labelledby', 'report-place-heading');
  const heading = el('h2', 'report-section-heading', t('report.place.heading'));
  heading.id = 'report-place-heading';
  heading.dataset.i18n = 'report.place.heading';
  const searchForm = el('form', 'address-search report-address');
  searchForm.setAttribute('role', 'search');
  searchForm.noValidate = true;
  const searchLabel = el('label', 'address-label', t('report.place.search'));
  searchLabel.htmlFor = 'report-address-input';
  searchLabel.dataset.i18n = 'report.place.search';
  const fieldBox = el('div', 'address-field');
  const searchInput = input('text', 'q', { id: 'report-address-input', autocomplete: 'off', maxLength: 200, spellcheck: false });
  const searchButton = el('button', 'btn btn-primary address-submit', t('search.submit'));
  searchButton.type = 'submit';
  searchButton.dataset.i18n = 'search.submit';
  const list = el('ul', 'address-list');
  list.id = 'report-address-list';
  list.hidden = true;
  fieldBox.append(searchInput, searchButton, list);
  const searchStatus = el('p', 'address-status');
  searchStatus.id = 'report-address-status';
  searchStatus.setAttribute('role', 'status');
  searchForm.append(searchLabel, fieldBox, searchStatus);

  const locateButton = el('button', 'btn btn-ghost report-locate', t('report.place.locate'));
  locateButton.type = 'button';
  locateButton.id = 'report-locate';
  locateButton.dataset.i18n = 'report.place.locate';
  const locateMessage = el('p', 'rf-error');
  locateMessage.id = 'report-locate-message';
  locateMessage.setAttribute('role', 'alert');
  locateMessage.hidden = true;

  const mapBox = el('div', 'report-map');
  mapBox.id = 'report-map';
  mapBox.setAttribute('role', 'region');
  mapBox.setAttribute('aria-label', t('report.place.map'));
  mapBox.setAttribute('aria-describedby', 'report-map-help');
  const mapHelp = el('p', 'rf-hint', t('report.place.mapHelp'));
  mapHelp.id = 'report-map-help';
  mapHelp.dataset.i18n = 'report.place.mapHelp';
  finder.append(heading, searchForm, locateButton, locateMessage, mapBox, mapHelp);

  // --- the fields (inside the report form)
  const fields = el('div', 'report-place-fields');
  const summary = el('p', 'report-place-summary');
  summary.id = 'report-place-summary';
  summary.setAttribute('aria-live', 'polite');
  const coords = el('div', 'rf-row');
  const lat: Field<HTMLInputElement> = field('report-lat', 'report.place.lat', input('text', 'lat', { inputMode: 'decimal', autocomplete: 'off', spellcheck: false }), 'report.place.coordsHint');
  const lon: Field<HTMLInputElement> = field('report-lon', 'report.place.lon', input('text', 'lon', { inputMode: 'decimal', autocomplete: 'off', spellcheck: false }));
  coords.append(lat.root, lon.root);
  const address = field('report-address-text', 'report.place.addressText', input('text', 'address_text', { maxLength: 300, autocomplete: 'off' }), 'report.place.addressTextHint');
  fields.append(summary, coords, address.root);

  function renderSummary(): void {
    summary.replaceChildren();
    if (summaryKey) {
      summary.textContent = t(summaryKey);
      return;
    }
    if (!current) {
      summary.textContent = t('report.place.none');
      return;
    }
    summary.textContent = current.district
      ? t('report.place.inDistrict', { district: current.district.name })
      : t('report.place.noDistrict');
  }

  async function pick(latValue: number, lonValue: number, opts: { pan: boolean; label?: string }): Promise<void> {
    const mine = ++seq;
    lat.control.value = formatCoord(latValue);
    lon.control.value = formatCoord(lonValue);
    if (opts.label !== undefined) address.control.value = opts.label;
    lat.setError(null);
    lon.setError(null);
    districtMap?.select(latValue, lonValue, null);
    if (opts.pan) districtMap?.focusOn(latValue, lonValue);
    summaryKey = 'report.place.checking';
    renderSummary();
    let next: Place = { lat: latValue, lon: lonValue, town: null, district: null };
    try {
      const found = await lookup(latValue, lonValue);
      if (mine !== seq) return;
      const district = found.areas.find((a) => a.layer === 'districts');
      const town = found.areas.find((a) => a.municipality)?.municipality ?? null;
      next = { ...next, town, district: district ? { id: district.id, name: district.name } : null };
      districtMap?.highlight(district ? district.id : null);
      summaryKey = town === null ? 'report.place.outside' : null;
    } catch (err) {
      if (mine !== seq) return;
      if (!(err instanceof ApiError)) console.error(err);
      summaryKey = 'report.place.lookupFailed';
    }
    current = next;
    renderSummary();
    onChange(current);
  }

  function typed(): void {
    const la = parseNumber(lat.control.value);
    const lo = parseNumber(lon.control.value);
    if (lat.control.value.trim() === '' || lon.control.value.trim() === '') return;
    if (Number.isNaN(la) || Math.abs(la) > 90) return lat.setError(t('report.error.field.lat'));
    if (Number.isNaN(lo) || Math.abs(lo) > 180) return lon.setError(t('report.error.field.lon'));
    void pick(la, lo, { pan: true });
  }
  lat.control.addEventListener('change', typed);
  lon.control.addEventListener('change', typed);

  locateButton.addEventListener('click', () => {
    locateButton.disabled = true;
    locateMessage.hidden = true;
    locate()
      .then(({ lat: la, lon: lo }) => pick(la, lo, { pan: true }))
      .catch((err: unknown) => {
        const reason = err instanceof LocateError ? err.reason : 'unavailable';
        locateMessage.textContent = t(`locate.${reason}` as MessageKey);
        locateMessage.hidden = false;
      })
      .finally(() => (locateButton.disabled = false));
  });

  return {
    finder,
    fields,
    place: () => current,
    addressText: () => address.control.value.trim(),
    setError(message) {
      lat.setError(message);
      lon.setError(null);
    },
    focus: () => lat.control.focus(),
    relabel() {
      renderSummary();
      mapBox.setAttribute('aria-label', t('report.place.map'));
      districtMap?.relabel();
      search?.relabel();
    },
    async start(preset) {
      search = createAddressSearch({
        form: searchForm,
        input: searchInput,
        list,
        status: searchStatus,
        onPick: (m: AddressMatch) => {
          if (m.position) void pick(m.position.lat, m.position.lon, { pan: true, label: m.label });
        },
      });
      renderSummary();
      const config = await fetchConfig().catch(() => DEFAULT_CONFIG);
      districtMap = createMap(mapBox, config, (la, lo) => void pick(la, lo, { pan: false }));
      window.__okrsekReportMap = districtMap.map;
      try {
        districtMap.showDistricts(await fetchDistricts(config.default_layer || 'districts'));
      } catch (err) {
        console.error('districts', err);
      }
      if (preset.lat !== null && preset.lon !== null) {
        districtMap.map.setView([preset.lat, preset.lon], 16, { animate: false });
        await pick(preset.lat, preset.lon, { pan: false });
      } else if (preset.district !== null) {
        districtMap.fitDistricts();
        districtMap.highlight(preset.district);
        districtMap.reveal(preset.district);
      } else {
        districtMap.fitDistricts();
      }
      mapBox.dataset.ready = 'true';
    },
  };
}
