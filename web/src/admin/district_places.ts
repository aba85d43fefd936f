// The district card editor's PLACES section: the stations, info boxes and other places serving
// the district in a table, one form (new place, or the place being edited) with a map to pick
// the point, and deletion after a confirmation.
import '../styles/admin-district-sections.css';
import { lang } from '../i18n';
import { agendaApi, LIMITS, markRequired, showAgendaFailure, withinLimits, type Place, type PlaceInput, type PlaceKind } from './api_agenda';
import { focus, h, setText } from './dom';
import { busy, inputField, MessageBox, requireFilled, selectField, textareaField } from './forms';
import { dataTable } from './layout';
import { placeMap } from './district_place_map';
import type { DistrictSection } from './district_types';

const kindName = (kind: PlaceKind) => kind.name[lang()] || kind.name.cs || kind.code;

export const placesSection: DistrictSection = (ctx, district) => {
  const api = agendaApi(ctx.api);
  const message = new MessageBox();
  const list = h('div', { class: 'district-list', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));
  const map = placeMap(api.districtOutline(district.id).catch(() => null));
  let places: Place[] = [];
  let kinds: PlaceKind[] = [];
  let editing: Place | null = null;

  // ---- the form ------------------------------------------------------------------------------
  const formTitle = h('h3', { class: 'district-form-title', id: 'place-form-title', t: 'admin.places.new' });
  const kind = selectField('place-kind', 'admin.places.field.kind', [], { attrs: { required: true } });
  const name = inputField('place-name', 'admin.places.field.name', { attrs: { required: true, maxlength: LIMITS.name, autocomplete: 'off' } });
  const address = inputField('place-address', 'admin.places.field.address', { attrs: { maxlength: LIMITS.address, autocomplete: 'off' } });
  const hours = textareaField('place-hours', 'admin.places.field.opening_hours', { hint: 'admin.places.field.opening_hours.hint', attrs: { maxlength: LIMITS.placeText, rows: 3 } });
  const note = textareaField('place-note', 'admin.places.field.note', { attrs: { maxlength: LIMITS.placeText, rows: 2 } });
  const coord = { inputmode: 'decimal', autocomplete: 'off', required: true, pattern: '-?[0-9]+([.,][0-9]+)?' };
  const lon = inputField('place-lon', 'admin.places.field.lon', { attrs: coord });
  const lat = inputField('place-lat', 'admin.places.field.lat', { attrs: coord });
  markRequired(kind, name, lon, lat);
  const formMessage = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'place-submit', t: 'admin.places.create' });
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', id: 'place-cancel', t: 'admin.cancel', hidden: true });
  const form = h(
    'form',
    { class: 'admin-form district-form', id: 'place-form', novalidate: true, 'aria-labelledby': 'place-form-title' },
    formTitle,
    h('p', { class: 'hint', t: 'admin.places.required_hint' }),
    h('div', { class: 'form-grid' }, kind.root, name.root, address.root),
    h('div', { class: 'form-grid' }, hours.root, note.root),
    h('fieldset', { class: 'place-point' }, h('legend', { t: 'admin.places.field.position' }), map.root, h('div', { class: 'form-grid coords' }, lon.root, lat.root)),
    formMessage.el,
    h('div', { class: 'form-actions' }, submit, cancel),
  );

  function parseCoord(value: string): number | null {
    if (!/^-?\d+([.,]\d+)?$/.test(value)) return null;
    return Number(value.replace(',', '.'));
  }

  // The marker follows the typed numbers; clicks and drags fill them in.
  function typedPoint(): { lon: number; lat: number } | null {
    const x = parseCoord(lon.value());
    const y = parseCoord(lat.value());
    if (x === null || y === null || x < -180 || x > 180 || y < -90 || y > 90) return null;
    return { lon: x, lat: y };
  }
  for (const f of [lon, lat]) f.control.addEventListener('change', () => map.setPick(typedPoint(), true));
  map.onPick = (point) => {
    lon.control.value = String(point.lon);
    lat.control.value = String(point.lat);
    lon.setError();
    lat.setError();
    formMessage.clear();
    setText(pointStatus, 'admin.places.map.picked', { lon: point.lon, lat: point.lat });
  };
  const pointStatus = h('p', { class: 'visually-hidden', role: 'status', id: 'place-point-status' });
  form.querySelector('fieldset')?.append(pointStatus);

  function fillKinds(): void {
    kind.control.replaceChildren(
      h('option', { value: '', t: 'admin.places.field.kind.choose' }),
      ...kinds.map((k) => {
        const option = h('option', { value: k.code });
        option.textContent = kindName(k);
        return option;
      }),
    );
  }

  function resetForm(): void {
    editing = null;
    form.reset();
    for (const f of [kind, name, address, hours, note, lon, lat]) f.setError();
    kind.control.disabled = false;
    formMessage.clear();
    setText(formTitle, 'admin.places.new');
    setText(submit, 'admin.places.create');
    cancel.hidden = true;
    map.setPick(null);
    map.setPlaces(places);
  }

  function startEdit(place: Place): void {
    resetForm();
    editing = place;
    setText(formTitle, 'admin.places.edit.title', { name: place.name });
    setText(submit, 'admin.places.save');
    cancel.hidden = false;
    kind.control.value = place.kind.code;
    kind.control.disabled = true; // the API does not change a place's kind
    name.control.value = place.name;
    address.control.value = place.address ?? '';
    hours.control.value = place.opening_hours ?? '';
    note.control.value = place.note ?? '';
    lon.control.value = String(place.position.lon);
    lat.control.value = String(place.position.lat);
    map.setPlaces(places.filter((p) => p.id !== place.id));
    map.setPick(place.position, true);
    form.scrollIntoView({ block: 'start' });
    focus(name.control);
  }

  cancel.addEventListener('click', () => {
    const id = editing?.id;
    resetForm();
    focus(id ? list.querySelector<HTMLElement>(`[data-place-id="${id}"] .place-edit`) : name.control);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    formMessage.clear();
    for (const f of [kind, name, address, hours, note, lon, lat]) f.setError();
    const required = editing ? [name, lon, lat] : [kind, name, lon, lat];
    if (!requireFilled(required, formMessage)) return;
    if (!withinLimits([[name, LIMITS.name], [address, LIMITS.address], [hours, LIMITS.placeText], [note, LIMITS.placeText]], formMessage)) return;
    const point = typedPoint();
    if (!point) {
      (parseCoord(lon.value()) === null || Math.abs(parseCoord(lon.value())!) > 180 ? lon : lat).setError('admin.places.error.lon');
      formMessage.error('admin.error.fix');
      focus(lon.control);
      return;
    }
    const input: PlaceInput = {
      name: name.value(),
      address: address.value(),
      opening_hours: hours.value(),
      note: note.value(),
      lon: point.lon,
      lat: point.lat,
      district_id: district.id,
    };
    const fields = { kind, name, address, opening_hours: hours, note, lon, lat, position: lon, district_id: lon };
    void busy(submit, async () => {
      try {
        if (editing) {
          const { place } = await api.updatePlace(editing.id, input);
          ctx.notice('admin.places.saved', { name: place.name });
        } else {
          const { place } = await api.createPlace(district.municipality, kind.control.value, input);
          ctx.notice('admin.places.created', { name: place.name });
        }
        resetForm();
        await load();
      } catch (err) {
        showAgendaFailure(err, formMessage, 'admin.places', fields);
      }
    });
  });

  // ---- the table -----------------------------------------------------------------------------
  function deleteForm(place: Place): HTMLElement {
    const confirm = h('button', { type: 'button', class: 'btn btn-danger btn-small place-delete-confirm', t: 'admin.places.delete.confirm' });
    const details = h(
      'details',
      { class: 'admin-details compact' },
      h('summary', { t: 'admin.places.delete' }),
      h('p', { class: 'hint', t: 'admin.places.delete.question', params: { name: place.name } }),
      confirm,
    );
    confirm.addEventListener('click', () => {
      message.clear();
      void busy(confirm, async () => {
        try {
          await api.deletePlace(place.id);
          if (editing?.id === place.id) resetForm();
          ctx.notice('admin.places.deleted', { name: place.name });
          await load();
          focus(list.querySelector<HTMLElement>('table, p'));
        } catch (err) {
          showAgendaFailure(err, message, 'admin.places');
        }
      });
    });
    return details;
  }

  function table(): HTMLElement {
    if (!places.length) return h('p', { class: 'muted', t: 'admin.places.none' });
    const el = dataTable(
      'admin.places.list',
      [
        { key: 'admin.places.field.kind' },
        { key: 'admin.places.field.name' },
        { key: 'admin.places.field.address' },
        { key: 'admin.places.field.opening_hours' },
        { key: 'admin.field.actions', class: 'col-actions' },
      ],
      places.map((place) => {
        const edit = h('button', { type: 'button', class: 'btn btn-secondary btn-small place-edit' }, h('span', { t: 'admin.places.edit' }), h('span', { class: 'visually-hidden' }, `: ${place.name}`));
        edit.addEventListener('click', () => startEdit(place));
        return [
          kindName(place.kind),
          h('span', { class: 'strong' }, place.name),
          place.address ?? '',
          place.opening_hours ? h('span', { class: 'pre-line' }, place.opening_hours) : '',
          h('div', { class: 'row-actions' }, edit, deleteForm(place)),
        ];
      }),
      { id: 'places-table' },
    );
    el.querySelectorAll('tbody tr').forEach((tr, i) => ((tr as HTMLElement).dataset.placeId = String(places[i]!.id)));
    return el;
  }

  async function load(): Promise<void> {
    list.setAttribute('aria-busy', 'true');
    try {
      places = await api.districtPlaces(district.id);
      list.replaceChildren(table());
      if (!editing) map.setPlaces(places);
    } catch (err) {
      list.replaceChildren();
      showAgendaFailure(err, message, 'admin.places');
    }
    list.removeAttribute('aria-busy');
  }

  async function loadKinds(): Promise<void> {
    try {
      kinds = (await api.placeKinds(district.municipality)).kinds;
    } catch (err) {
      showAgendaFailure(err, message, 'admin.places');
    }
    fillKinds();
  }

  void loadKinds();
  void load();

  return h(
    'section',
    { class: 'district-section', 'data-section': 'places', 'aria-labelledby': 'places-heading' },
    h('h2', { id: 'places-heading', class: 'admin-card-title', t: 'admin.places.heading' }),
    h('p', { class: 'hint', t: 'admin.places.intro' }),
    message.el,
    list,
    form,
  );
};
