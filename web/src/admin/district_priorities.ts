// The district card editor's PRIORITIES section: what the community raised, the action taken and
// whether it worked. A list (active ones first, as the API orders them) with status, date and
// source; a form for a new priority; per priority: edit, change of status (a reason, required
// for dropping), the evaluation once the action is completed, and the status history.
import '../styles/admin-district-sections.css';
import type { MessageKey } from '../i18n';
import { agendaApi, showAgendaFailure, type MeetingEvent, type Priority, type PriorityStatus } from './api_agenda';
import { focus, h, setText, time } from './dom';
import { MessageBox } from './forms';
import { formatDay } from './district_event_time';
import { evaluationForm, priorityForm, statusForm, type PriorityContext } from './district_priority_forms';
import type { DistrictSection } from './district_types';

export const STATUSES: PriorityStatus[] = ['open', 'in_progress', 'action_completed', 'dropped'];

const STATUS_TONE: Record<PriorityStatus, string> = {
  open: 'warn',
  in_progress: 'info',
  action_completed: 'ok',
  dropped: 'muted',
};

function history(pc: PriorityContext, priority: Priority): HTMLElement {
  const body = h('div', { class: 'priority-history' });
  const details = h('details', { class: 'admin-details compact priority-history-toggle' }, h('summary', { t: 'admin.priorities.history' }), body);
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.setAttribute('aria-busy', 'true');
    body.replaceChildren(h('p', { class: 'muted', t: 'admin.loading' }));
    void agendaApi(pc.ctx.api)
      .priority(priority.id)
      .then((full) => {
        const items = (full.history ?? []).map((change) =>
          h(
            'li',
            {},
            time(change.changed_at),
            ' ',
            change.from ? h('span', { t: `admin.priorities.status.${change.from}` as MessageKey }) : null,
            change.from ? ' → ' : null,
            h('span', { class: 'strong', t: `admin.priorities.status.${change.to}` as MessageKey }),
            change.reason ? h('span', { class: 'history-reason' }, ` — ${change.reason}`) : null,
          ),
        );
        body.replaceChildren(items.length ? h('ol', { class: 'history-list' }, ...items) : h('p', { class: 'muted', t: 'admin.priorities.history.none' }));
      })
      .catch(() => {
        loaded = false;
        body.replaceChildren(h('p', { class: 'field-error', t: 'admin.error.server' }));
      })
      .finally(() => body.removeAttribute('aria-busy'));
  });
  return details;
}

function priorityItem(pc: PriorityContext, priority: Priority): HTMLElement {
  const meeting = (id: number | null) => {
    if (!id) return null;
    const found = pc.meetings().find((m) => m.id === id);
    return found ? `${formatDay(found.starts_at.slice(0, 10))} · ${found.title}` : `#${id}`;
  };
  const headingId = `priority-${priority.id}-title`;
  const facts = h(
    'dl',
    { class: 'facts priority-facts' },
    h('dt', { t: 'admin.priorities.field.raised_on' }),
    h('dd', {}, formatDay(priority.raised_on)),
    h('dt', { t: 'admin.priorities.field.source' }),
    h('dd', { t: `admin.priorities.source.${priority.source}` as MessageKey }),
  );
  const sourceMeeting = meeting(priority.source_event_id);
  if (sourceMeeting) facts.append(h('dt', { t: 'admin.priorities.field.source_event' }), h('dd', {}, sourceMeeting));
  if (priority.status_changed_at) facts.append(h('dt', { t: 'admin.priorities.field.status_changed_at' }), h('dd', {}, time(priority.status_changed_at)));
  const body: Array<HTMLElement | null> = [
    h('p', { class: 'pre-line' }, priority.description),
    priority.action_taken ? h('div', { class: 'priority-block' }, h('h4', { t: 'admin.priorities.field.action_taken' }), h('p', { class: 'pre-line' }, priority.action_taken)) : null,
    priority.dropped_reason ? h('div', { class: 'priority-block' }, h('h4', { t: 'admin.priorities.field.dropped_reason' }), h('p', { class: 'pre-line' }, priority.dropped_reason)) : null,
  ];
  if (priority.evaluation) {
    const ev = priority.evaluation;
    const at = meeting(ev.event_id);
    body.push(
      h(
        'div',
        { class: `priority-block priority-evaluation outcome-${ev.outcome}` },
        h('h4', { t: 'admin.priorities.evaluation' }),
        h('p', { class: 'strong', t: `admin.priorities.outcome.${ev.outcome}` as MessageKey }),
        h('p', { class: 'pre-line' }, ev.text),
        h('p', { class: 'hint', t: at ? 'admin.priorities.evaluation.at_meeting' : 'admin.priorities.evaluation.on', params: { date: formatDay(ev.evaluated_on), meeting: at ?? '' } }),
      ),
    );
  }
  const actions = h('div', { class: 'priority-actions' });
  const final = priority.status === 'action_completed' || priority.status === 'dropped';
  actions.append(editToggle(pc, priority));
  if (!final) actions.append(statusForm(pc, priority));
  if (priority.status === 'action_completed') actions.append(evaluationForm(pc, priority));
  actions.append(history(pc, priority));
  return h(
    'li',
    { class: 'priority-item', 'data-priority-id': priority.id, 'data-status': priority.status, 'aria-labelledby': headingId },
    h(
      'div',
      { class: 'priority-item-head' },
      h('h3', { id: headingId, class: 'priority-item-title' }, priority.title),
      h('span', { class: `badge badge-${STATUS_TONE[priority.status]}`, t: `admin.priorities.status.${priority.status}` as MessageKey }),
    ),
    facts,
    ...body,
    actions,
  );
}

function editToggle(pc: PriorityContext, priority: Priority): HTMLElement {
  const details = h('details', { class: 'admin-details compact priority-edit' }, h('summary', { t: 'admin.priorities.edit' }));
  details.append(priorityForm(pc, priority, `priority-${priority.id}-edit`));
  return details;
}

export const prioritiesSection: DistrictSection = (ctx, district) => {
  const api = agendaApi(ctx.api);
  const message = new MessageBox();
  const list = h('ul', { class: 'priority-items', id: 'priority-list', 'aria-busy': 'true' });
  const status = h('p', { class: 'muted', t: 'admin.loading' });
  const more = h('button', { type: 'button', class: 'btn btn-secondary', id: 'priorities-more', t: 'admin.priorities.more', hidden: true });
  let meetings: MeetingEvent[] = [];
  let next: number | null = 0;

  const pc: PriorityContext = { ctx, district, meetings: () => meetings, reload: () => load(true) };
  const createSlot = h('div', {});

  async function load(reset: boolean): Promise<void> {
    if (reset) next = 0;
    if (next === null) return;
    list.setAttribute('aria-busy', 'true');
    try {
      if (reset) meetings = await api.heldMeetings(district.id);
      const page = await api.priorities(district.id, next);
      if (reset) list.replaceChildren();
      for (const p of page.priorities) list.append(priorityItem(pc, p));
      next = page.next_offset;
      more.hidden = next === null;
      status.hidden = list.childElementCount > 0;
      setText(status, 'admin.priorities.none');
      if (!createSlot.firstChild) createSlot.append(newPriority());
    } catch (err) {
      status.hidden = true;
      showAgendaFailure(err, message, 'admin.priorities');
    }
    list.removeAttribute('aria-busy');
  }

  function newPriority(): HTMLElement {
    const details = h('details', { class: 'admin-details open-form', id: 'priority-new' }, h('summary', { t: 'admin.priorities.new' }));
    details.append(priorityForm(pc, null, 'priority-new'));
    return details;
  }

  more.addEventListener('click', () => {
    const count = list.childElementCount;
    void load(false).then(() => focus(list.children[count]?.querySelector('h3') as HTMLElement | null));
  });
  void load(true);

  return h(
    'section',
    { class: 'district-section', 'data-section': 'priorities', 'aria-labelledby': 'priorities-heading' },
    h('h2', { id: 'priorities-heading', class: 'admin-card-title', t: 'admin.priorities.heading' }),
    h('p', { class: 'hint', t: 'admin.priorities.intro' }),
    message.el,
    createSlot,
    status,
    list,
    more,
  );
};
