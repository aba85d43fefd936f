// Area profiles (#/analysis/profiles[/ID], area_profiles.edit): a city part's or district's
// population and its counts of amenities and prevention workers, which the profiles and rates
// of the statistics use. Keys are [a-z_]{1,40}, at most 30 per list, values 0–1,000,000.
import { fetchMunicipalities } from '../api';
import { t, type MessageKey } from '../i18n';
import { getJson } from '../statistics/api';
import { SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h } from './dom';
import { busy, inputField, MessageBox, selectField, showFailure } from './forms';
import { card, pageHeading } from './layout';
import { areaProfile, grantTown, saveAreaProfile, type AreaProfileBody } from './view_analysis_api';

const KEY = /^[a-z_]{1,40}$/;
const MAX_ENTRIES = 30;
const MAX_VALUE = 1_000_000;
const AMENITY_HINTS = ['schools', 'kindergartens', 'playgrounds', 'pubs', 'shops', 'stops', 'parks', 'sports_grounds'];
const WORKER_HINTS = ['social_workers', 'street_workers', 'prevention_officers', 'assistants', 'youth_clubs'];

interface RowList {
  root: HTMLElement;
  set(values: Record<string, number>): void;
  /** The entries, or the message key of the first problem (the offending input gets focus). */
  read(): Record<string, number> | MessageKey;
}

function rowList(id: string, title: MessageKey, hints: string[]): RowList {
  const list = h('div', { class: 'profile-rows', id: `${id}-rows` });
  const datalist = h('datalist', { id: `${id}-keys` }, ...hints.map((k) => h('option', { value: k })));
  let counter = 0;
  const add = h('button', { type: 'button', class: 'btn btn-ghost btn-small', id: `${id}-add`, t: 'admin.profile.addRow' });

  function row(key = '', value: number | '' = ''): HTMLElement {
    const n = counter++;
    const keyInput = h('input', { type: 'text', id: `${id}-key-${n}`, class: 'profile-key', list: `${id}-keys`, maxlength: 40, pattern: '[a-z_]{1,40}', autocomplete: 'off', spellcheck: 'false', value: key });
    const valueInput = h('input', { type: 'number', id: `${id}-value-${n}`, class: 'profile-value', min: 0, max: MAX_VALUE, step: 1, inputmode: 'numeric', value: String(value) });
    const remove = h('button', { type: 'button', class: 'btn btn-ghost btn-small', t: 'admin.profile.removeRow', params: { n: n + 1 } });
    const box = h(
      'div',
      { class: 'profile-row' },
      h('div', { class: 'field' }, h('label', { for: keyInput.id, t: 'admin.profile.key' }), keyInput),
      h('div', { class: 'field' }, h('label', { for: valueInput.id, t: 'admin.profile.value' }), valueInput),
      remove,
    );
    remove.addEventListener('click', () => {
      box.remove();
      add.focus();
    });
    return box;
  }

  add.addEventListener('click', () => {
    if (list.children.length >= MAX_ENTRIES) return;
    const r = row();
    list.append(r);
    r.querySelector('input')?.focus();
  });

  return {
    root: h('fieldset', { class: 'profile-list', id }, h('legend', { t: title }), datalist, list, add),
    set(values) {
      list.replaceChildren(...Object.entries(values).map(([k, v]) => row(k, v)));
    },
    read() {
      const out: Record<string, number> = {};
      for (const r of list.querySelectorAll<HTMLElement>('.profile-row')) {
        const key = r.querySelector<HTMLInputElement>('.profile-key');
        const value = r.querySelector<HTMLInputElement>('.profile-value');
        if (!key || !value) continue;
        if (!key.value.trim() && !value.value.trim()) continue;
        const n = Number(value.value);
        if (!KEY.test(key.value.trim())) {
          key.focus();
          return 'admin.profile.error.key';
        }
        if (!Number.isInteger(n) || n < 0 || n > MAX_VALUE || value.value.trim() === '') {
          value.focus();
          return 'admin.profile.error.value';
        }
        out[key.value.trim()] = n;
      }
      return Object.keys(out).length > MAX_ENTRIES ? 'admin.profile.error.count' : out;
    },
  };
}

export function areaProfileView(ctx: Ctx, areaId: number | null): View {
  const heading = pageHeading('admin.profile.heading', 'admin.profile.intro');
  const message = new MessageBox();
  const level = selectField('profile-level', 'admin.profile.level', [
    { value: 'districts', t: 'stats.level.district' },
    { value: 'city_parts', t: 'stats.level.city_part' },
  ]);
  const area = selectField('profile-area', 'admin.profile.area', []);
  const population = inputField('profile-population', 'admin.profile.population', {
    hint: 'admin.profile.population.hint',
    attrs: { type: 'number', min: 0, max: 100_000_000, step: 1, inputmode: 'numeric' },
  });
  const source = h('p', { class: 'hint', id: 'profile-population-source' });
  const amenities = rowList('profile-amenities', 'admin.profile.amenities', AMENITY_HINTS);
  const workers = rowList('profile-workers', 'admin.profile.workers', WORKER_HINTS);
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'profile-save', t: 'admin.profile.save' });
  const form = h(
    'form',
    { class: 'admin-form', novalidate: true, id: 'profile-form', hidden: true },
    population.root,
    source,
    amenities.root,
    workers.root,
    h('div', { class: 'admin-actions' }, save),
  );
  const none = h('p', { class: 'hint', id: 'profile-none', t: 'admin.profile.none' });
  let town: number | null = grantTown(ctx.me()?.grants.map((g) => g.scope) ?? []);
  let current: number | null = areaId;

  async function loadAreas(): Promise<void> {
    if (town === null) town = (await fetchMunicipalities()).municipalities[0]?.code ?? null;
    const areas = await getJson<GeoJSON.FeatureCollection<GeoJSON.Geometry, { id: number; name: string }>>('areas', {
      layer: level.control.value,
      municipality: town,
      simplify: 500,
    });
    const sorted = areas.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
    area.control.replaceChildren(h('option', { value: '', t: 'admin.profile.pick' }), ...sorted.map((a) => h('option', { value: String(a.id), selected: a.id === current }, a.name)));
  }

  async function loadProfile(): Promise<void> {
    message.clear();
    form.hidden = current === null;
    none.hidden = current !== null;
    if (current === null) return;
    try {
      const profile = await areaProfile(ctx.api, current);
      population.control.value = profile.population_source === 'profile' && typeof profile.population === 'number' ? String(profile.population) : '';
      const layerValue = profile.population_source === 'layer' && typeof profile.population === 'number' ? profile.population : null;
      source.textContent = layerValue !== null ? t('admin.profile.population.layer', { value: layerValue }) : '';
      amenities.set(profile.amenities ?? {});
      workers.set(profile.prevention_workers ?? {});
    } catch (err) {
      form.hidden = true;
      if (!(err instanceof SessionExpired)) showFailure(err, message);
    }
  }

  level.control.addEventListener('change', () => {
    current = null;
    form.hidden = true;
    none.hidden = false;
    void loadAreas().catch((err) => showFailure(err, message));
  });
  area.control.addEventListener('change', () => {
    current = area.control.value ? Number(area.control.value) : null;
    history.replaceState(null, '', current === null ? '#/analysis/profiles' : `#/analysis/profiles/${current}`);
    void loadProfile();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (current === null) return;
    population.setError();
    const popText = population.value();
    const pop = popText === '' ? null : Number(popText);
    if (pop !== null && (!Number.isInteger(pop) || pop < 0 || pop > 100_000_000)) {
      population.setError('admin.profile.error.population');
      population.control.focus();
      return;
    }
    const a = amenities.read();
    const w = typeof a === 'string' ? a : workers.read();
    if (typeof a === 'string' || typeof w === 'string') {
      message.error((typeof a === 'string' ? a : w) as MessageKey);
      return;
    }
    const body: AreaProfileBody = { population: pop, amenities: a, prevention_workers: w };
    const id = current;
    void busy(save, async () => {
      try {
        await saveAreaProfile(ctx.api, id, body);
        message.ok('admin.profile.saved');
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { population });
      }
    });
  });

  void loadAreas()
    .then(loadProfile)
    .catch((err) => {
      if (!(err instanceof SessionExpired)) showFailure(err, message);
    });

  const root = h(
    'div',
    { class: 'admin-page profile-page' },
    heading,
    h('p', {}, h('a', { href: '#/analysis', t: 'admin.profile.back' })),
    card('admin.profile.choose', { id: 'profile-choose' }, h('div', { class: 'form-grid' }, level.root, area.root)),
    card('admin.profile.edit', { id: 'profile-edit' }, none, message.el, form),
  );
  return { name: 'area_profile', root, focus: heading.querySelector('h1') ?? undefined };
}
