// The editor of one district's card: heading, then tabs (WAI-ARIA tabs pattern, arrow keys)
// Team | Places | Priorities | Meetings. The tab is part of the address (#/districts/12/places)
// so a reload keeps it; each section is built the first time its tab opens.
import '../styles/admin-district.css';
import type { MessageKey } from '../i18n';
import { AdminApiError, SessionExpired } from './api';
import { editableDistricts, teamHistory } from './api_directory';
import type { Ctx, View } from './context';
import { eventsSection } from './district_events';
import { placesSection } from './district_places';
import { prioritiesSection } from './district_priorities';
import { teamSection } from './district_team';
import type { DistrictSection, EditableDistrict } from './district_types';
import { h } from './dom';
import { errorMessage } from './forms';
import { DISTRICT_TABS, routeHash, type DistrictTab } from './routes';
import { editorHash, publicCardUrl } from './view_districts';

const SECTIONS: Record<DistrictTab, { label: MessageKey; build: DistrictSection }> = {
  team: { label: 'admin.district.tab.team', build: teamSection },
  places: { label: 'admin.district.tab.places', build: placesSection },
  priorities: { label: 'admin.district.tab.priorities', build: prioritiesSection },
  meetings: { label: 'admin.district.tab.meetings', build: eventsSection },
};

export function districtView(ctx: Ctx, id: number, tab: DistrictTab): View {
  const title = h('h1', { class: 'admin-title', id: 'district-title', t: 'admin.district.heading' });
  const head = h('header', { class: 'admin-page-head district-head' }, title);
  const body = h('div', { class: 'district-editor', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));

  async function load(): Promise<void> {
    try {
      const { districts } = await editableDistricts(ctx.api);
      const district = districts.find((d) => d.id === id);
      if (!district) {
        await refused();
        return;
      }
      title.textContent = district.name;
      delete title.dataset.t;
      head.append(subtitle(district));
      body.replaceChildren(tabs(ctx, district, tab));
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showProblem(err);
    }
    body.removeAttribute('aria-busy');
  }

  /** Not among my districts: ask the server why (403 for another's district, 404 for none). */
  async function refused(): Promise<void> {
    try {
      await teamHistory(ctx.api, id);
      showState('not_allowed');
    } catch (err) {
      if (err instanceof SessionExpired) return;
      if (err instanceof AdminApiError && err.status === 404) showState('not_found');
      else if (err instanceof AdminApiError && err.status === 403) showState('not_allowed');
      else showProblem(err);
    }
    body.removeAttribute('aria-busy');
  }

  function showState(state: 'not_allowed' | 'not_found'): void {
    body.dataset.state = state;
    body.replaceChildren(
      h(
        'section',
        { class: 'admin-card admin-card-narrow district-refused', id: 'district-refused', role: 'alert' },
        h('h2', { class: 'admin-card-title', t: state === 'not_allowed' ? 'admin.district.not_allowed' : 'admin.district.not_found' }),
        h('p', { t: state === 'not_allowed' ? 'admin.district.not_allowed.text' : 'admin.district.not_found.text' }),
        h('p', {}, h('a', { href: '#/districts', t: 'admin.district.back' })),
      ),
    );
  }

  function showProblem(err: unknown): void {
    const [key, params] = errorMessage(err);
    body.dataset.state = 'failed';
    body.replaceChildren(h('p', { class: 'inline-message inline-message-error', role: 'alert', t: key, params }));
  }

  void load();
  const root = h(
    'div',
    { class: 'admin-page district-page', 'data-district': id },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/districts', t: 'admin.district.back' })),
    head,
    body,
  );
  return { name: 'district', root, focus: title };
}

function subtitle(district: EditableDistrict): HTMLElement {
  return h(
    'div',
    { class: 'district-subtitle' },
    h(
      'p',
      { class: 'district-meta' },
      district.city_part ? h('span', { class: 'district-city-part' }, district.city_part.name) : null,
      h('span', { class: 'muted' }, h('span', { t: 'admin.district.code' }), ` ${district.code}`),
      district.appoint ? h('span', { class: 'badge badge-ok', t: 'admin.district.appoint' }) : null,
    ),
    h('a', { class: 'btn btn-secondary btn-small', href: publicCardUrl(district.id), id: 'district-public-link', t: 'admin.district.public_card' }),
  );
}

function tabs(ctx: Ctx, district: EditableDistrict, initial: DistrictTab): HTMLElement {
  const list = h('div', { class: 'district-tabs', role: 'tablist', tAttr: { 'aria-label': 'admin.district.tabs' } });
  const panels = h('div', { class: 'district-panels' });
  const buttons = new Map<DistrictTab, HTMLButtonElement>();
  const panelOf = new Map<DistrictTab, HTMLElement>();

  for (const name of DISTRICT_TABS) {
    const button = h('button', {
      type: 'button',
      role: 'tab',
      id: `district-tab-${name}`,
      class: 'district-tab',
      'aria-controls': `district-panel-${name}`,
      'data-tab': name,
      t: SECTIONS[name].label,
    });
    const panel = h('div', { role: 'tabpanel', id: `district-panel-${name}`, class: 'district-panel', 'aria-labelledby': `district-tab-${name}`, tabindex: 0, hidden: true });
    button.addEventListener('click', () => select(name, false));
    buttons.set(name, button);
    panelOf.set(name, panel);
    list.append(button);
    panels.append(panel);
  }

  list.addEventListener('keydown', (event) => {
    const e = event as KeyboardEvent;
    const current = DISTRICT_TABS.indexOf((document.activeElement as HTMLElement | null)?.dataset.tab as DistrictTab);
    if (current < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (current + 1) % DISTRICT_TABS.length;
    else if (e.key === 'ArrowLeft') next = (current - 1 + DISTRICT_TABS.length) % DISTRICT_TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = DISTRICT_TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    select(DISTRICT_TABS[next], true);
  });

  function select(name: DistrictTab, moveFocus: boolean): void {
    for (const [other, button] of buttons) {
      const on = other === name;
      button.setAttribute('aria-selected', String(on));
      button.tabIndex = on ? 0 : -1;
      panelOf.get(other)!.hidden = !on;
    }
    const panel = panelOf.get(name)!;
    if (!panel.dataset.mounted) {
      panel.dataset.mounted = 'true';
      panel.append(SECTIONS[name].build(ctx, district));
    }
    if (moveFocus) buttons.get(name)!.focus();
    // The tab belongs in the address (a reload keeps it) without rebuilding the screen.
    const hash = routeHash({ name: 'district', id: district.id, tab: name });
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  }

  select(initial, false);
  return h('div', { class: 'district-tabs-wrap', 'data-editor': editorHash(district.id) }, list, panels);
}
