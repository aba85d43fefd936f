// The priority forms: a new priority or an edit (PATCH), a change of status, the evaluation.
import type { MessageKey } from '../i18n';
import {
  agendaApi,
  LIMITS,
  markRequired,
  showAgendaFailure,
  withinLimits,
  type MeetingEvent,
  type Outcome,
  type Priority,
  type PriorityInput,
  type PrioritySource,
  type PriorityStatus,
} from './api_agenda';
import type { Ctx } from './context';
import { focus, h } from './dom';
import { busy, inputField, MessageBox, requireFilled, selectField, textareaField, type Choice } from './forms';
import { formatDay, pragueToday } from './district_event_time';
import type { EditableDistrict } from './district_types';

/** The meetings a priority may refer to, as choices ("9. 12. 2026 · Title"). */
export function meetingChoices(meetings: MeetingEvent[], noneKey: MessageKey): Choice[] {
  return [
    { value: '', t: noneKey },
    ...meetings.map((m) => ({ value: String(m.id), text: `${formatDay(m.starts_at.slice(0, 10))} · ${m.title}` })),
  ];
}

export interface PriorityContext {
  ctx: Ctx;
  district: EditableDistrict;
  /** The district's and town's held meetings (past, not cancelled), latest first. */
  meetings: () => MeetingEvent[];
  reload: () => Promise<void>;
}

/** After a change the list is rebuilt: the changed priority's heading gets the focus. */
function focusItem(id: number): void {
  focus(document.getElementById(`priority-${id}-title`));
}

const SOURCES: PrioritySource[] = ['public_meeting', 'citizen_reports', 'survey', 'other'];
const OUTCOMES: Outcome[] = ['worked', 'partly', 'did_not_work'];

const NEXT: Record<PriorityStatus, PriorityStatus[]> = {
  open: ['in_progress', 'dropped'],
  in_progress: ['action_completed', 'dropped'],
  action_completed: [],
  dropped: [],
};

/** The form of a new priority (`priority` null) or of an edit. */
export function priorityForm(pc: PriorityContext, priority: Priority | null, id: string): HTMLFormElement {
  const api = agendaApi(pc.ctx.api);
  const today = pragueToday();
  const title = inputField(`${id}-title`, 'admin.priorities.field.title', { attrs: { maxlength: LIMITS.title, autocomplete: 'off' } });
  const description = textareaField(`${id}-description`, 'admin.priorities.field.description', { attrs: { maxlength: LIMITS.longText, rows: 3 } });
  const source = selectField(
    `${id}-source`,
    'admin.priorities.field.source',
    SOURCES.map((s) => ({ value: s, t: `admin.priorities.source.${s}` as MessageKey })),
  );
  const raised = inputField(`${id}-raised`, 'admin.priorities.field.raised_on', { hint: 'admin.priorities.field.raised_on.hint', attrs: { type: 'date', max: today } });
  const action = textareaField(`${id}-action`, 'admin.priorities.field.action_taken', { attrs: { maxlength: LIMITS.longText, rows: 3 } });
  const meeting = selectField(`${id}-meeting`, 'admin.priorities.field.source_event', meetingChoices(pc.meetings(), 'admin.priorities.field.source_event.none'), {
    hint: 'admin.priorities.field.source_event.hint',
  });
  markRequired(title, description, source, raised);
  if (priority) {
    title.control.value = priority.title;
    description.control.value = priority.description;
    source.control.value = priority.source;
    raised.control.value = priority.raised_on;
    action.control.value = priority.action_taken ?? '';
    if (priority.source_event_id && !pc.meetings().some((m) => m.id === priority.source_event_id)) {
      meeting.control.append(h('option', { value: String(priority.source_event_id) }, `#${priority.source_event_id}`));
    }
    meeting.control.value = priority.source_event_id ? String(priority.source_event_id) : '';
  } else {
    raised.control.value = today;
  }
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: priority ? 'admin.priorities.save' : 'admin.priorities.create' });
  const form = h(
    'form',
    { class: 'admin-form district-form', novalidate: true, id: `${id}-form` },
    h('p', { class: 'hint', t: 'admin.places.required_hint' }),
    h('div', { class: 'form-grid form-grid-wide' }, title.root),
    description.root,
    h('div', { class: 'form-grid' }, source.root, raised.root, meeting.root),
    action.root,
    message.el,
    submit,
  );
  const fields = { title, description, source, raised_on: raised, action_taken: action, source_event_id: meeting };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    for (const f of Object.values(fields)) f.setError();
    if (!requireFilled([title, description, raised], message)) return;
    if (!withinLimits([[title, LIMITS.title], [description, LIMITS.longText], [action, LIMITS.longText]], message)) return;
    if (raised.value() > today) {
      raised.setError('admin.priorities.error.raised_on');
      message.error('admin.error.fix');
      focus(raised.control);
      return;
    }
    const input: PriorityInput = {
      title: title.value(),
      description: description.value(),
      source: source.control.value as PrioritySource,
      raised_on: raised.value(),
      action_taken: action.value(),
    };
    if (meeting.control.value) input.source_event_id = Number(meeting.control.value);
    else if (priority?.source_event_id) input.source_event_id = null;
    void busy(submit, async () => {
      try {
        if (priority) {
          await api.updatePriority(priority.id, input);
          pc.ctx.notice('admin.priorities.saved', { title: input.title ?? '' });
        } else {
          await api.createPriority(pc.district.id, input);
          pc.ctx.notice('admin.priorities.created', { title: input.title ?? '' });
          form.reset();
          raised.control.value = today;
          const details = form.closest('details');
          details?.removeAttribute('open');
          focus(details?.querySelector('summary'));
        }
        await pc.reload();
        if (priority) focusItem(priority.id);
      } catch (err) {
        showAgendaFailure(err, message, 'admin.priorities', fields);
      }
    });
  });
  return form;
}

/** Moves a priority on (in progress, completed) or drops it (with a reason). */
export function statusForm(pc: PriorityContext, priority: Priority): HTMLElement {
  const api = agendaApi(pc.ctx.api);
  const id = `priority-${priority.id}-status`;
  const status = selectField(
    `${id}-to`,
    'admin.priorities.field.new_status',
    NEXT[priority.status].map((s) => ({ value: s, t: `admin.priorities.status.${s}` as MessageKey })),
  );
  const reason = textareaField(`${id}-reason`, 'admin.field.reason', { hint: 'admin.priorities.field.reason.hint', attrs: { maxlength: LIMITS.reason, rows: 2 } });
  markRequired(status);
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-small', t: 'admin.priorities.status.submit' });
  const form = h('form', { class: 'admin-form', novalidate: true, id: `${id}-form` }, status.root, reason.root, message.el, submit);
  const syncReason = () => {
    const dropping = status.control.value === 'dropped';
    reason.control.required = dropping;
    reason.root.querySelector('label')?.classList.toggle('required', dropping);
  };
  status.control.addEventListener('change', syncReason);
  syncReason();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    reason.setError();
    const to = status.control.value as PriorityStatus;
    if (to === 'dropped' && !requireFilled([reason], message)) return;
    if (!withinLimits([[reason, LIMITS.reason]], message)) return;
    void busy(submit, async () => {
      try {
        await api.priorityStatus(priority.id, to, reason.value());
        pc.ctx.notice('admin.priorities.status.changed', { title: priority.title });
        await pc.reload();
        focusItem(priority.id);
      } catch (err) {
        showAgendaFailure(err, message, 'admin.priorities', { status, reason });
      }
    });
  });
  return h('details', { class: 'admin-details compact priority-status' }, h('summary', { t: 'admin.priorities.status.change' }), form);
}

/** The evaluation of a completed priority (again to correct it). */
export function evaluationForm(pc: PriorityContext, priority: Priority): HTMLElement {
  const api = agendaApi(pc.ctx.api);
  const today = pragueToday();
  const id = `priority-${priority.id}-evaluation`;
  const outcome = selectField(
    `${id}-outcome`,
    'admin.priorities.field.outcome',
    OUTCOMES.map((o) => ({ value: o, t: `admin.priorities.outcome.${o}` as MessageKey })),
  );
  const text = textareaField(`${id}-text`, 'admin.priorities.field.evaluation_text', { attrs: { maxlength: LIMITS.longText, rows: 3 } });
  const on = inputField(`${id}-on`, 'admin.priorities.field.evaluated_on', { attrs: { type: 'date', min: priority.raised_on, max: today } });
  const meeting = selectField(`${id}-meeting`, 'admin.priorities.field.evaluated_at', meetingChoices(pc.meetings(), 'admin.priorities.field.evaluated_at.none'), {
    hint: 'admin.priorities.field.evaluated_at.hint',
  });
  markRequired(outcome, text, on);
  const current = priority.evaluation;
  outcome.control.value = current?.outcome ?? 'worked';
  text.control.value = current?.text ?? '';
  on.control.value = current?.evaluated_on ?? today;
  meeting.control.value = current?.event_id ? String(current.event_id) : '';
  // The meeting's day is the natural evaluation date.
  meeting.control.addEventListener('change', () => {
    const chosen = pc.meetings().find((m) => String(m.id) === meeting.control.value);
    if (chosen) on.control.value = chosen.starts_at.slice(0, 10);
  });
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-small', t: 'admin.priorities.evaluation.submit' });
  const form = h(
    'form',
    { class: 'admin-form', novalidate: true, id: `${id}-form` },
    h('div', { class: 'form-grid' }, outcome.root, on.root, meeting.root),
    text.root,
    message.el,
    submit,
  );
  const fields = { outcome, text, evaluated_on: on, event_id: meeting };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    for (const f of Object.values(fields)) f.setError();
    if (!requireFilled([text, on], message)) return;
    if (!withinLimits([[text, LIMITS.longText]], message)) return;
    if (on.value() < priority.raised_on || on.value() > today) {
      on.setError('admin.priorities.error.evaluated_on');
      message.error('admin.error.fix');
      focus(on.control);
      return;
    }
    void busy(submit, async () => {
      try {
        await api.evaluate(priority.id, {
          outcome: outcome.control.value as Outcome,
          text: text.value(),
          evaluated_on: on.value(),
          ...(meeting.control.value ? { event_id: Number(meeting.control.value) } : {}),
        });
        pc.ctx.notice('admin.priorities.evaluation.saved', { title: priority.title });
        await pc.reload();
        focusItem(priority.id);
      } catch (err) {
        showAgendaFailure(err, message, 'admin.priorities', fields);
      }
    });
  });
  return h(
    'details',
    { class: 'admin-details compact priority-evaluate' },
    h('summary', { t: current ? 'admin.priorities.evaluation.correct' : 'admin.priorities.evaluation.add' }),
    form,
  );
}
