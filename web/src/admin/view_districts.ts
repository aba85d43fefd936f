// The districts whose card I may edit, grouped by city part, with a filter for big towns.
// A user whose only work is one district goes straight to it after signing in; the list
// stays one click away (and then shows that district prominently).
import '../styles/admin-district.css';
import { lang } from '../i18n';
import { SessionExpired } from './api';
import { editableDistricts } from './api_directory';
import type { Ctx, View } from './context';
import type { EditableDistrict } from './district_types';
import { h, setText } from './dom';
import { MessageBox, showFailure } from './forms';
import { pageHeading } from './layout';

/** From this many districts on, a filter box narrows the list. */
const FILTER_FROM = 30;

export interface DistrictsOptions {
  /** Shown right after sign-in: a single district opens its editor at once. */
  openLone?: boolean;
}

/** Lower case without diacritics, for the filter ("Žižkov" matches "zizk"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function editorHash(id: number): string {
  return `#/districts/${id}`;
}

export function publicCardUrl(id: number): string {
  return `/districts/${id}`;
}

export function districtsView(ctx: Ctx, options: DistrictsOptions = {}): View {
  const heading = pageHeading('admin.district.list.heading', 'admin.district.list.intro');
  const message = new MessageBox();
  const body = h('div', { class: 'district-list', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));

  const shownAt = window.location.hash;
  async function load(): Promise<void> {
    try {
      const { districts } = await editableDistricts(ctx.api);
      // Open a lone district only while the user is still where this list was shown: a screen
      // chosen meanwhile (a link, a typed address) wins.
      if (options.openLone && districts.length === 1 && window.location.hash === shownAt) {
        ctx.navigate(editorHash(districts[0].id));
        return;
      }
      body.replaceChildren(...listContent(districts));
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      body.replaceChildren();
    }
    body.removeAttribute('aria-busy');
  }
  void load();

  const root = h('div', { class: 'admin-page' }, heading, message.el, body);
  return { name: 'districts', root, focus: heading.querySelector('h1') ?? undefined };
}

function listContent(districts: EditableDistrict[]): HTMLElement[] {
  if (districts.length === 0) return [h('p', { class: 'admin-card', id: 'districts-none', t: 'admin.district.list.none' })];
  const parts: HTMLElement[] = [];
  if (districts.length === 1) parts.push(loneDistrict(districts[0]));
  const groups = groupByCityPart(districts);
  const sections = groups.map(([name, items], index) => groupSection(name, items, index));
  if (districts.length >= FILTER_FROM) parts.push(filterBox(districts.length, sections));
  parts.push(h('div', { class: 'district-groups', id: 'districts-groups' }, ...sections.map((s) => s.root)));
  return parts;
}

/** The one district of a district officer, as a big link above the (one-line) list. */
function loneDistrict(district: EditableDistrict): HTMLElement {
  return h(
    'section',
    { class: 'admin-card district-lone', id: 'district-lone', 'aria-labelledby': 'district-lone-title' },
    h('h2', { class: 'admin-card-title', id: 'district-lone-title', t: 'admin.district.list.yours' }),
    h('p', { class: 'district-lone-name' }, district.name, district.city_part ? h('span', { class: 'muted' }, ` · ${district.city_part.name}`) : null),
    h(
      'div',
      { class: 'admin-actions' },
      h('a', { class: 'btn btn-primary', href: editorHash(district.id), id: 'district-lone-open', t: 'admin.district.list.open' }),
      h('a', { class: 'btn btn-secondary', href: publicCardUrl(district.id), t: 'admin.district.public_card' }),
    ),
  );
}

type Group = [string | null, EditableDistrict[]];

function groupByCityPart(districts: EditableDistrict[]): Group[] {
  const collator = new Intl.Collator(lang() === 'cs' ? 'cs' : 'en', { numeric: true });
  const groups = new Map<string, Group>();
  for (const d of districts) {
    const key = d.city_part ? `p${d.city_part.id}` : 'none';
    if (!groups.has(key)) groups.set(key, [d.city_part?.name ?? null, []]);
    groups.get(key)![1].push(d);
  }
  const list = [...groups.values()];
  for (const [, items] of list) items.sort((a, b) => collator.compare(a.code, b.code) || collator.compare(a.name, b.name));
  // City parts by name; districts in no city part last.
  list.sort((a, b) => (a[0] === null ? 1 : b[0] === null ? -1 : collator.compare(a[0], b[0])));
  return list;
}

interface GroupSection {
  root: HTMLElement;
  /** Shows the districts matching `needle` (folded); returns how many. */
  filter(needle: string): number;
}

function groupSection(name: string | null, items: EditableDistrict[], index: number): GroupSection {
  const id = `district-group-${index}`;
  const title = h('h2', { class: 'district-group-title', id });
  if (name) title.textContent = name;
  else setText(title, 'admin.district.list.no_city_part');
  const rows = items.map((d) => {
    const tokens = fold(`${d.name} ${d.code} ${name ?? ''}`).split(/\s+/);
    const li = h(
      'li',
      { class: 'district-row', 'data-district': d.id },
      h('a', { class: 'district-row-name', href: editorHash(d.id) }, d.name),
      h('span', { class: 'district-row-code muted' }, d.code),
      h('a', {
        class: 'district-row-public',
        href: publicCardUrl(d.id),
        t: 'admin.district.public_card.short',
        title: d.name,
        'aria-describedby': `district-row-${d.id}-name`,
      }),
    );
    li.querySelector('.district-row-name')!.id = `district-row-${d.id}-name`;
    return { li, tokens };
  });
  const root = h('section', { class: 'admin-card district-group', 'aria-labelledby': id }, title, h('ul', { class: 'district-rows' }, ...rows.map((r) => r.li)));
  return {
    root,
    filter(needle) {
      let shown = 0;
      for (const row of rows) {
        row.li.hidden = needle !== '' && !matches(row.tokens, needle.split(/\s+/));
        if (!row.li.hidden) shown++;
      }
      root.hidden = shown === 0;
      return shown;
    },
  };
}

/**
 * Whether the typed words start words of the district's text in the same order: "okrsek 5
 * praha 2" finds "Okrsek 5 · OŘ MP Praha 2", not "Okrsek 2 · OŘ MP Praha 5"; "2-2" its code.
 */
export function matches(tokens: string[], words: string[]): boolean {
  let at = 0;
  for (const word of words) {
    while (at < tokens.length && !tokens[at].startsWith(word)) at++;
    if (at === tokens.length) return false;
    at++;
  }
  return true;
}

function filterBox(total: number, sections: GroupSection[]): HTMLElement {
  const input = h('input', { type: 'search', id: 'districts-filter', autocomplete: 'off', 'aria-describedby': 'districts-filter-count' });
  const count = h('p', { class: 'hint', id: 'districts-filter-count', role: 'status' });
  setText(count, 'admin.district.list.count', { shown: total, total });
  input.addEventListener('input', () => {
    const needle = fold(input.value.trim());
    const shown = sections.reduce((sum, s) => sum + s.filter(needle), 0);
    setText(count, shown === 0 ? 'admin.district.list.count.none' : 'admin.district.list.count', { shown, total });
  });
  return h('div', { class: 'field district-filter' }, h('label', { for: 'districts-filter', t: 'admin.district.list.filter' }), input, count);
}
