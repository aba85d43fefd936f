// The district card editor's MEETINGS section: upcoming and past public meetings and events of
// the district and the town-wide ones (which only town-wide staff may change: the others see
// them read only), a form for a new one, and per meeting: edit, cancel with a reason, minutes
// and attendance once it has begun. Links the district's iCalendar feed.
import '../styles/admin-district-sections.css';
import type { MessageKey } from '../i18n';
import { agendaApi, calendarFeedUrl, showAgendaFailure, type MeetingEvent } from './api_agenda';
import type { Ctx } from './context';
import { focus, h, setText } from './dom';
import { MessageBox } from './forms';
import { cancelForm, eventForm, minutesForm, type EventContext } from './district_event_forms';
import { formatRange } from './district_event_time';
import type { DistrictSection, EditableDistrict } from './district_types';

/** Roles whose town-wide grant includes editing the town's own meetings (docs: a town-wide grant). */
const TOWN_EDITORS = new Set(['prevention_manager', 'state_police_leadership', 'municipal_police_leadership']);

function canEditTown(ctx: Ctx, district: EditableDistrict): boolean {
  const grants = ctx.me()?.grants ?? [];
  return grants.some((g) => TOWN_EDITORS.has(g.role) && (g.scope === 'global' || g.scope === `municipality:${district.municipality}`));
}

function eventItem(ec: EventContext, event: MeetingEvent): HTMLElement {
  const now = Date.now();
  const begun = new Date(event.starts_at).getTime() <= now;
  const over = new Date(event.ends_at).getTime() <= now;
  const cancelled = event.status === 'cancelled';
  const editable = event.scope === 'district' || ec.townWide;
  const headingId = `event-${event.id}-title`;
  const when = h('time', { class: 'event-when', datetime: event.starts_at }, formatRange(event.starts_at, event.ends_at));
  const badges = h(
    'p',
    { class: 'event-badges' },
    h('span', { class: 'badge badge-muted', t: `admin.events.kind.${event.kind}` as MessageKey }),
    event.scope === 'town' ? h('span', { class: 'badge badge-info', t: 'admin.events.town_wide' }) : null,
    cancelled ? h('span', { class: 'badge badge-danger', t: 'admin.events.status.cancelled' }) : null,
    !editable ? h('span', { class: 'badge badge-muted', t: 'admin.events.read_only' }) : null,
  );
  const where = [event.place_name, event.address].filter(Boolean).join(', ');
  const item = h(
    'li',
    { class: 'event-item', 'data-event-id': event.id, 'data-status': event.status, 'data-scope': event.scope, 'aria-labelledby': headingId },
    when,
    h('h3', { id: headingId, class: 'event-item-title' }, event.title),
    badges,
    where ? h('p', { class: 'event-where' }, where) : null,
    cancelled && event.cancel_reason ? h('p', { class: 'event-cancel-reason' }, h('span', { class: 'strong', t: 'admin.events.cancel_reason' }), ` ${event.cancel_reason}`) : null,
    event.agenda ? h('details', { class: 'admin-details compact' }, h('summary', { t: 'admin.events.field.agenda' }), h('p', { class: 'pre-line' }, event.agenda)) : null,
  );
  if (event.minutes) {
    item.append(
      h(
        'div',
        { class: 'event-minutes-text' },
        h('h4', { t: 'admin.events.field.minutes' }),
        h('p', { class: 'pre-line' }, event.minutes),
        event.attendance !== null ? h('p', { class: 'hint', t: 'admin.events.attendance', params: { count: event.attendance } }) : null,
      ),
    );
  }
  if (editable && !cancelled) {
    const actions = h('div', { class: 'event-actions' });
    const edit = h('details', { class: 'admin-details compact event-edit' }, h('summary', { t: 'admin.events.edit' }));
    edit.append(eventForm(ec, event, `event-${event.id}-edit`));
    actions.append(edit);
    if (!over) actions.append(cancelForm(ec, event));
    if (begun) actions.append(minutesForm(ec, event));
    item.append(actions);
  }
  return item;
}

/** One list (upcoming or past) with "more" paging. */
function eventList(ec: EventContext, when: 'upcoming' | 'past', message: MessageBox) {
  const api = agendaApi(ec.ctx.api);
  const heading = h('h3', { class: 'district-subheading', id: `events-${when}-heading`, t: when === 'upcoming' ? 'admin.events.upcoming' : 'admin.events.past' });
  const list = h('ul', { class: 'event-items', id: `events-${when}`, 'aria-labelledby': `events-${when}-heading` });
  const empty = h('p', { class: 'muted', t: 'admin.loading' });
  const more = h('button', { type: 'button', class: 'btn btn-secondary btn-small', t: 'admin.events.more', hidden: true });
  let next: number | null = 0;

  async function load(reset: boolean): Promise<void> {
    if (reset) next = 0;
    if (next === null) return;
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api.events(ec.district.id, when, next);
      if (reset) list.replaceChildren();
      for (const event of page.events) list.append(eventItem(ec, event));
      next = page.next_offset;
      more.hidden = next === null;
      setText(empty, 'admin.events.none');
      empty.hidden = list.childElementCount > 0;
    } catch (err) {
      showAgendaFailure(err, message, 'admin.events');
    }
    list.removeAttribute('aria-busy');
  }
  more.addEventListener('click', () => {
    const count = list.childElementCount;
    void load(false).then(() => focus(list.children[count]?.querySelector('h3') as HTMLElement | null));
  });
  return { root: h('div', { class: 'event-group' }, heading, empty, list, more), load };
}

export const eventsSection: DistrictSection = (ctx, district) => {
  const message = new MessageBox();
  const lists: Array<ReturnType<typeof eventList>> = [];
  const ec: EventContext = {
    ctx,
    district,
    townWide: canEditTown(ctx, district),
    reload: async () => {
      await Promise.all(lists.map((l) => l.load(true)));
    },
  };
  lists.push(eventList(ec, 'upcoming', message), eventList(ec, 'past', message));
  const create = h('details', { class: 'admin-details open-form', id: 'event-new' }, h('summary', { t: 'admin.events.new' }));
  create.append(eventForm(ec, null, 'event-new'));
  const feed = h('a', { class: 'btn btn-ghost btn-small', id: 'events-feed', href: calendarFeedUrl(district.id), download: `okrsek-${district.id}.ics`, t: 'admin.events.feed' });
  void ec.reload();

  return h(
    'section',
    { class: 'district-section', 'data-section': 'events', 'aria-labelledby': 'events-heading' },
    h('h2', { id: 'events-heading', class: 'admin-card-title', t: 'admin.events.heading' }),
    h('p', { class: 'hint', t: ec.townWide ? 'admin.events.intro.town' : 'admin.events.intro' }),
    h('p', { class: 'events-feed' }, feed, ' ', h('span', { class: 'hint', t: 'admin.events.feed.hint' })),
    message.el,
    create,
    ...lists.map((l) => l.root),
  );
};
