// A district's public reports (#district=ID): filters by state and category, a list (the
// accessible form) and the same reports on a map, the district's responsiveness (only when
// there are enough reports to say anything), e-mail alerts and the RSS feed.
import L from 'leaflet';
import { ApiError, fetchConfig } from '../api';
import { lang, t } from '../i18n';
import { fetchCard, fetchOutline, type DistrictCard } from '../district/card_api';
import { el } from '../district/dom';
import * as api from './api';
import { errorMessage, field, input } from './fields';
import { dateTime, decimal, knownStates, pageHref, percent, stateName, stateText } from './labels';
import type { View } from './view';

const LIST_LIMIT = 200;

const dotIcon = L.divIcon({
  className: 'report-marker',
  html: '<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="7" fill="#c8102e" stroke="#fff" stroke-width="3"/></svg>',
  iconSize: [20, 20],
  iconAnchor: [10, 10],
});

export function districtView(container: HTMLElement, districtId: number): View {
  let card: DistrictCard | null = null;
  let categories: api.Category[] = [];
  let responsiveness: api.ResponsivenessAnswer | null = null;
  let reports: api.PublicReport[] = [];
  let total = 0;
  let failure: string | null = null;
  let map: L.Map | null = null;
  let markers: L.LayerGroup | null = null;
  let outline: GeoJSON.Feature | null = null;
  const filter = { state: '', category: '' };
  let listBox: HTMLElement | null = null;
  let countLine: HTMLElement | null = null;

  let loadSeq = 0;

  /** Loads the list for the filter; false when a newer load has started meanwhile. */
  async function loadReports(): Promise<boolean> {
    const mine = ++loadSeq;
    const query: Record<string, string> = { district: String(districtId), limit: String(LIST_LIMIT) };
    // Category codes are per town: the API wants the town with them.
    if (card) query.town = String(card.municipality.code);
    if (filter.state) query.state = filter.state;
    if (filter.category) query.category = filter.category;
    const answer = await api.fetchReports(query);
    if (mine !== loadSeq) return false;
    reports = answer.reports;
    total = answer.total;
    return true;
  }

  function renderList(): void {
    if (!listBox || !countLine) return;
    countLine.textContent = t('report.list.count', { count: total });
    const list = el('ul', 'report-list');
    list.id = 'report-list';
    for (const r of reports) {
      const li = el('li', 'report-list-item');
      li.dataset.id = String(r.id);
      li.dataset.state = r.state;
      const a = el('a', 'report-list-link', t('report.view.title', { id: r.id, category: r.category_name }));
      a.href = pageHref(`id=${r.id}`);
      const meta = el('p', 'report-list-meta');
      meta.append(el('span', 'report-list-state', stateText(r)), ' · ', dateTime(r.created_at));
      if (r.overdue) meta.append(' · ', el('span', 'report-overdue-badge', t('report.view.overdueShort')));
      li.append(a, meta);
      if (r.address_text) li.append(el('p', 'report-list-place', r.address_text));
      list.append(li);
    }
    if (!reports.length) listBox.replaceChildren(el('p', 'report-muted', t('report.list.empty')));
    else listBox.replaceChildren(list);
    drawMarkers();
  }

  function drawMarkers(): void {
    if (!map || !markers) return;
    markers.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const r of reports) {
      const marker = L.marker([r.lat, r.lon], { icon: dotIcon, keyboard: false, title: r.category_name });
      marker.on('click', () => window.location.assign(pageHref(`id=${r.id}`)));
      markers.addLayer(marker);
      bounds.extend(marker.getLatLng());
    }
    if (outline) {
      const shape = L.geoJSON(outline, { style: { color: '#0b4f9c', weight: 3, fillColor: '#2f7de1', fillOpacity: 0.12 }, interactive: false });
      markers.addLayer(shape);
      bounds.extend(shape.getBounds());
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }

  function filters(): HTMLElement {
    const form = el('form', 'report-filters');
    form.noValidate = true;
    form.setAttribute('aria-label', t('report.list.filters'));
    const state = el('select');
    state.append(new Option(t('report.list.allStates'), ''));
    for (const s of knownStates()) state.append(new Option(stateName(s), s));
    state.value = filter.state;
    const category = el('select');
    category.append(new Option(t('report.list.allCategories'), ''));
    for (const c of categories) if (c.accepts_reports) category.append(new Option(c.name, c.code));
    category.value = filter.category;
    const stateField = field('report-filter-state', 'report.list.state', state);
    const categoryField = field('report-filter-category', 'report.list.category', category);
    const apply = async () => {
      filter.state = state.value;
      filter.category = category.value;
      container.dataset.state = 'loading';
      try {
        if (!(await loadReports())) return;
      } catch (err) {
        if (!(err instanceof ApiError)) console.error(err);
        reports = [];
        total = 0;
      }
      renderList();
      container.dataset.state = 'ready';
    };
    state.addEventListener('change', () => void apply());
    category.addEventListener('change', () => void apply());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void apply();
    });
    form.append(stateField.root, categoryField.root);
    return form;
  }

  function responsivenessBox(): HTMLElement {
    const box = el('section', 'report-box report-responsiveness');
    box.id = 'report-responsiveness';
    box.setAttribute('aria-labelledby', 'responsiveness-heading');
    const h2 = el('h2', 'report-section-heading', t('report.resp.heading'));
    h2.id = 'responsiveness-heading';
    box.append(h2);
    const row = responsiveness?.districts.find((d) => d.district_id === districtId) ?? null;
    const min = responsiveness?.min_reports ?? 10;
    if (!row || row.median_first_response_days === null) {
      box.dataset.figures = 'none';
      box.append(el('p', 'report-muted', t('report.resp.tooFew', { min, count: row?.report_count ?? 0 })));
      return box;
    }
    box.dataset.figures = 'shown';
    const dl = el('dl', 'report-facts');
    const add = (label: string, value: string) => dl.append(el('dt', '', label), el('dd', '', value));
    add(t('report.resp.count'), String(row.report_count));
    add(t('report.resp.firstResponse'), t('report.resp.days', { days: decimal(row.median_first_response_days) }));
    if (row.median_resolution_days !== null) add(t('report.resp.resolution'), t('report.resp.days', { days: decimal(row.median_resolution_days) }));
    if (row.share_first_response_on_time !== null) add(t('report.resp.firstOnTime'), percent(row.share_first_response_on_time));
    if (row.share_resolved_on_time !== null) add(t('report.resp.resolvedOnTime'), percent(row.share_resolved_on_time));
    box.append(dl);
    if (responsiveness) box.append(el('p', 'rf-hint', t('report.resp.period', { from: dateTime(responsiveness.period.from), to: dateTime(responsiveness.period.to) })));
    return box;
  }

  function alerts(): HTMLElement {
    const box = el('section', 'report-box report-alerts');
    box.setAttribute('aria-labelledby', 'alerts-heading');
    const h2 = el('h2', 'report-section-heading', t('report.alerts.heading'));
    h2.id = 'alerts-heading';
    box.append(h2, el('p', '', t('report.alerts.text')));
    const form = el('form', 'report-alerts-form');
    form.noValidate = true;
    const email = field('report-alerts-email', 'report.alerts.email', input('email', 'email', { autocomplete: 'email', maxLength: 254 }), 'report.alerts.privacy');
    const submit = el('button', 'btn btn-secondary', t('report.alerts.submit'));
    submit.type = 'submit';
    const done = el('p', 'report-notice report-notice-ok');
    done.setAttribute('role', 'status');
    done.hidden = true;
    form.append(email.root, submit);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = email.control.value.trim();
      if (!/^[^\s@]+@[^\s@]+$/.test(value)) {
        email.setError(t('report.error.field.email'));
        email.control.focus();
        return;
      }
      email.setError(null);
      api.subscribe(districtId, value).then(
        () => {
          done.textContent = t('report.alerts.sent');
          done.hidden = false;
          form.reset();
        },
        (err: unknown) => {
          email.setError(errorMessage(err, 'email'));
          email.control.focus();
        },
      );
    });
    const rss = el('a', 'report-rss', t('report.alerts.rss'));
    rss.href = api.rssUrl(districtId);
    rss.type = 'application/rss+xml';
    const feed = el('p', 'report-rss-line');
    feed.append(rss);
    box.append(form, done, feed);
    return box;
  }

  function render(): void {
    container.dataset.view = 'district';
    map?.remove();
    map = null;
    if (failure) {
      container.dataset.state = 'error';
      const p = el('p', 'report-notice report-notice-error', failure);
      p.setAttribute('role', 'alert');
      container.replaceChildren(p);
      return;
    }
    if (!card) {
      container.dataset.state = 'loading';
      container.replaceChildren(el('p', 'report-muted', t('report.loading')));
      return;
    }
    document.title = t('report.list.metaTitle', { name: card.district.name });
    const head = el('header', 'report-head');
    const h1 = el('h1', 'report-title', t('report.list.heading', { name: card.district.name }));
    h1.id = 'report-heading';
    const newReport = el('a', 'btn btn-primary', t('report.list.new'));
    newReport.href = pageHref(`new&district=${districtId}`);
    const cardLink = el('a', '', t('report.list.card'));
    cardLink.href = `/districts/${districtId}${lang() === 'cs' ? '' : `?lang=${lang()}`}`;
    head.append(h1, el('p', 'report-head-links'), newReport);
    head.querySelector('.report-head-links')?.append(cardLink);

    const listSection = el('section', 'report-box report-list-section');
    listSection.setAttribute('aria-labelledby', 'report-list-heading');
    const h2 = el('h2', 'report-section-heading', t('report.list.listHeading'));
    h2.id = 'report-list-heading';
    countLine = el('p', 'report-list-count');
    countLine.id = 'report-list-count';
    countLine.setAttribute('role', 'status');
    const mapBox = el('div', 'report-map report-map-small');
    mapBox.id = 'report-list-map';
    mapBox.setAttribute('aria-hidden', 'true');
    listBox = el('div', 'report-list-box');
    listSection.append(h2, filters(), countLine, mapBox, listBox);
    container.replaceChildren(head, listSection, responsivenessBox(), alerts());
    // Decorative (the list above is the accessible form): nothing in it may take the focus.
    map = L.map(mapBox, { zoomControl: false, attributionControl: false, scrollWheelZoom: false, zoomAnimation: false, keyboard: false });
    map.setView([50.08, 14.44], 12);
    markers = L.layerGroup().addTo(map);
    void fetchConfig()
      .then((config) => {
        if (config.tiles && map) L.tileLayer(config.tiles.url, { maxZoom: 19 }).addTo(map);
      })
      .catch(() => undefined);
    renderList();
    container.dataset.state = 'ready';
  }

  async function load(): Promise<void> {
    render();
    try {
      card = await fetchCard(districtId);
      const town = card.municipality.code;
      const [cats, resp, shape] = await Promise.all([
        api.fetchCategories(town).catch(() => ({ categories: [] as api.Category[] })),
        api.fetchResponsiveness(town).catch(() => null),
        fetchOutline(districtId).catch(() => null),
        loadReports(),
      ]);
      outline = shape;
      categories = cats.categories;
      responsiveness = resp;
    } catch (err) {
      failure = err instanceof ApiError && err.status === 404 ? t('report.list.notFound') : errorMessage(err);
    }
    render();
  }

  return {
    start: load,
    relabel() {
      if (!card) return render();
      Promise.all([api.fetchCategories(card.municipality.code), loadReports()]).then(
        ([cats]) => {
          categories = cats.categories;
          render();
        },
        () => render(),
      );
    },
  };
}
