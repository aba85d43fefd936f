// The inbox's filter form: states (several), category, level, district, and the switches
// overdue only / mine only / moderation queue. Every change applies at once (the list's count
// is announced); the choices of the selects arrive later (categories and levels of the town,
// the districts the user works in) and keep the chosen value.
import { t } from '../i18n';
import { REPORT_STATES, type InboxFilter } from './api_reports';
import { h } from './dom';
import { checkbox } from './forms';
import { stateKey } from './report_labels';

export interface Choice {
  value: string;
  text: string;
}

export interface FilterForm {
  root: HTMLElement;
  setCategories(choices: Choice[]): void;
  setLevels(choices: Choice[]): void;
  setDistricts(choices: Choice[]): void;
}

function select(id: string, label: Parameters<typeof t>[0], anyKey: Parameters<typeof t>[0], value: string): { root: HTMLElement; input: HTMLSelectElement; fill(choices: Choice[]): void } {
  const input = h('select', { id, name: id });
  const fill = (choices: Choice[]) => {
    const any = h('option', { value: '', t: anyKey });
    input.replaceChildren(any, ...choices.map((c) => h('option', { value: c.value }, c.text)));
    // A value from the address that the list does not hold stays selectable (as its code).
    if (value && !choices.some((c) => c.value === value)) input.append(h('option', { value }, value));
    input.value = value;
  };
  fill([]);
  return { root: h('div', { class: 'field' }, h('label', { for: id, t: label }), input), input, fill };
}

export function filterForm(filter: InboxFilter, onChange: (next: InboxFilter) => void): FilterForm {
  const states = REPORT_STATES.map((state) => {
    const box = checkbox(`reports-state-${state}`, stateKey(state), { value: state, checked: filter.states.includes(state) });
    return { state, ...box };
  });
  const category = select('reports-category', 'admin.reports.filter.category', 'admin.reports.filter.any', filter.category ?? '');
  const level = select('reports-level', 'admin.reports.filter.level', 'admin.reports.filter.any', filter.level === undefined ? '' : String(filter.level));
  const district = select('reports-district', 'admin.reports.filter.district', 'admin.reports.filter.any_district', filter.district ? String(filter.district) : '');
  const overdue = checkbox('reports-overdue', 'admin.reports.filter.overdue', { checked: filter.overdue });
  const mine = checkbox('reports-mine', 'admin.reports.filter.mine', { checked: filter.mine });
  const pending = checkbox('reports-pending', 'admin.reports.filter.pending', { checked: filter.pending });

  function current(): InboxFilter {
    return {
      town: filter.town,
      states: states.filter((s) => s.input.checked).map((s) => s.state),
      category: category.input.value || undefined,
      level: level.input.value === '' ? undefined : Number(level.input.value),
      district: district.input.value ? Number(district.input.value) : undefined,
      overdue: overdue.input.checked,
      mine: mine.input.checked,
      pending: pending.input.checked,
      // A new filter starts at the first page.
      offset: 0,
    };
  }

  const reset = h('a', { href: '#/reports', class: 'btn btn-secondary btn-small', id: 'reports-reset', t: 'admin.reports.filter.reset' });
  const root = h(
    'form',
    { class: 'admin-card reports-filters', id: 'reports-filters', role: 'search', tAttr: { 'aria-label': 'admin.reports.filter.label' } },
    h(
      'fieldset',
      { class: 'reports-states' },
      h('legend', { t: 'admin.reports.filter.states' }),
      h('div', { class: 'reports-state-boxes' }, ...states.map((s) => s.root)),
    ),
    h('div', { class: 'reports-selects' }, category.root, level.root, district.root),
    h('div', { class: 'reports-switches' }, overdue.root, mine.root, pending.root, reset),
  );
  root.addEventListener('change', () => onChange(current()));
  root.addEventListener('submit', (event) => {
    event.preventDefault();
    onChange(current());
  });
  return {
    root,
    setCategories: category.fill,
    setLevels: level.fill,
    setDistricts: (choices) => {
      district.fill(choices);
      // One district only: nothing to choose.
      district.root.hidden = choices.length < 2 && !filter.district;
    },
  };
}
