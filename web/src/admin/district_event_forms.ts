// The meeting forms: a new meeting or an edit (PATCH), cancelling with a reason, and the minutes
// with attendance once the meeting has begun.
import type { MessageKey } from '../i18n';
import { agendaApi, LIMITS, markRequired, showAgendaFailure, withinLimits, type EventInput, type EventKind, type MeetingEvent } from './api_agenda';
import type { Ctx } from './context';
import { focus, h } from './dom';
import { busy, checkbox, inputField, MessageBox, requireFilled, selectField, textareaField, type Field } from './forms';
import { classifyLocal, offsetOf, toLocalInput } from './district_event_time';
import type { EditableDistrict } from './district_types';

export const KINDS: EventKind[] = ['public_meeting', 'prevention_event', 'other'];
const MAX_DAYS = 14;

export interface EventContext {
  ctx: Ctx;
  district: EditableDistrict;
  /** Whether the user may edit the town's town-wide meetings. */
  townWide: boolean;
  reload: () => Promise<void>;
}

/** After a change the lists are rebuilt: the changed meeting's heading gets the focus. */
function focusItem(id: number): void {
  focus(document.getElementById(`event-${id}-title`));
}

/** A Prague date-time input; in the autumn's repeated hour it asks which of the two is meant. */
interface DateTimeField {
  field: Field<HTMLInputElement>;
  root: HTMLElement;
  set(apiTime: string): void;
  /** The value to send, or null after marking the field (empty, or in the spring gap). */
  read(): string | null;
}

function dateTimeField(id: string, label: MessageKey): DateTimeField {
  const field = inputField(id, label, { hint: 'admin.events.field.time.hint', attrs: { type: 'datetime-local', step: 60 } });
  const which = selectField(`${id}-offset`, 'admin.events.field.repeated_hour', [
    { value: '+02:00', t: 'admin.events.field.repeated_hour.summer' },
    { value: '+01:00', t: 'admin.events.field.repeated_hour.winter' },
  ]);
  which.root.hidden = true;
  const sync = () => {
    which.root.hidden = classifyLocal(field.control.value).kind !== 'repeated';
  };
  field.control.addEventListener('input', sync);
  field.control.addEventListener('change', sync);
  return {
    field,
    root: h('div', { class: 'datetime-field' }, field.root, which.root),
    set(apiTime) {
      field.control.value = toLocalInput(apiTime);
      const offset = offsetOf(apiTime);
      if (offset === '+01:00' || offset === '+02:00') which.control.value = offset;
      sync();
    },
    read() {
      const local = field.control.value;
      const { kind } = classifyLocal(local);
      if (kind === 'invalid') {
        field.setError(local ? 'admin.events.error.time' : 'admin.error.required');
        return null;
      }
      if (kind === 'gap') {
        field.setError('admin.events.error.gap');
        return null;
      }
      field.setError();
      return kind === 'repeated' ? `${local}:00${which.control.value}` : local;
    },
  };
}

/** The form of a new meeting (`event` null) or of an edit. */
export function eventForm(ec: EventContext, event: MeetingEvent | null, id: string): HTMLFormElement {
  const api = agendaApi(ec.ctx.api);
  const kind = selectField(
    `${id}-kind`,
    'admin.events.field.kind',
    KINDS.map((k) => ({ value: k, t: `admin.events.kind.${k}` as MessageKey })),
  );
  const title = inputField(`${id}-title`, 'admin.events.field.title', { attrs: { maxlength: LIMITS.title, autocomplete: 'off' } });
  const placeName = inputField(`${id}-place`, 'admin.events.field.place_name', { hint: 'admin.events.field.place_name.hint', attrs: { maxlength: LIMITS.name, autocomplete: 'off' } });
  const address = inputField(`${id}-address`, 'admin.events.field.address', { attrs: { maxlength: LIMITS.address, autocomplete: 'off' } });
  const starts = dateTimeField(`${id}-starts`, 'admin.events.field.starts_at');
  const ends = dateTimeField(`${id}-ends`, 'admin.events.field.ends_at');
  const agenda = textareaField(`${id}-agenda`, 'admin.events.field.agenda', { attrs: { maxlength: LIMITS.agenda, rows: 4 } });
  markRequired(kind, title, placeName, starts.field, ends.field);
  const town = !event && ec.townWide ? checkbox(`${id}-town`, 'admin.events.field.town_wide') : null;
  if (event) {
    kind.control.value = event.kind;
    title.control.value = event.title;
    placeName.control.value = event.place_name;
    address.control.value = event.address ?? '';
    starts.set(event.starts_at);
    ends.set(event.ends_at);
    agenda.control.value = event.agenda ?? '';
  }
  // A new end follows a new start (the same day, two hours later) until it is set by hand.
  let endTouched = Boolean(event);
  ends.field.control.addEventListener('input', () => (endTouched = true));
  starts.field.control.addEventListener('change', () => {
    const local = starts.field.control.value;
    if (endTouched || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return;
    const [hh, mm] = local.slice(11).split(':').map(Number) as [number, number];
    const end = Math.min(hh * 60 + mm + 120, 23 * 60 + 59);
    ends.set(`${local.slice(0, 11)}${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`);
  });
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', t: event ? 'admin.events.save' : 'admin.events.create' });
  const form = h(
    'form',
    { class: 'admin-form district-form', novalidate: true, id: `${id}-form` },
    h('p', { class: 'hint', t: 'admin.places.required_hint' }),
    h('div', { class: 'form-grid' }, kind.root, title.root),
    h('div', { class: 'form-grid' }, placeName.root, address.root),
    h('div', { class: 'form-grid' }, starts.root, ends.root),
    agenda.root,
    town?.root,
    message.el,
    submit,
  );
  const fields = { kind, title, place_name: placeName, address, starts_at: starts.field, ends_at: ends.field, agenda };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.clear();
    for (const f of Object.values(fields)) f.setError();
    if (!requireFilled([title, placeName], message)) return;
    const startsAt = starts.read();
    const endsAt = ends.read();
    if (startsAt === null || endsAt === null) {
      message.error('admin.error.fix');
      focus((startsAt === null ? starts : ends).field.control);
      return;
    }
    const span = new Date(ends.field.control.value).getTime() - new Date(starts.field.control.value).getTime();
    if (!(span > 0) || span > MAX_DAYS * 86_400_000) {
      ends.field.setError(span > 0 ? 'admin.events.error.too_long' : 'admin.events.error.ends_at');
      message.error('admin.error.fix');
      focus(ends.field.control);
      return;
    }
    if (!withinLimits([[title, LIMITS.title], [placeName, LIMITS.name], [address, LIMITS.address], [agenda, LIMITS.agenda]], message)) return;
    const input: EventInput = {
      kind: kind.control.value as EventKind,
      title: title.value(),
      place_name: placeName.value(),
      address: address.value(),
      starts_at: startsAt,
      ends_at: endsAt,
      agenda: agenda.value(),
    };
    void busy(submit, async () => {
      try {
        if (event) {
          await api.updateEvent(event.id, input);
          ec.ctx.notice('admin.events.saved', { title: input.title ?? '' });
        } else {
          if (town?.input.checked) await api.createTownEvent(ec.district.municipality, input);
          else await api.createDistrictEvent(ec.district.id, input);
          ec.ctx.notice('admin.events.created', { title: input.title ?? '' });
          form.reset();
          endTouched = false;
          const details = form.closest('details');
          details?.removeAttribute('open');
          focus(details?.querySelector('summary'));
        }
        await ec.reload();
        if (event) focusItem(event.id);
      } catch (err) {
        showAgendaFailure(err, message, 'admin.events', fields);
      }
    });
  });
  return form;
}

export function cancelForm(ec: EventContext, event: MeetingEvent): HTMLElement {
  const api = agendaApi(ec.ctx.api);
  const reason = textareaField(`event-${event.id}-cancel-reason`, 'admin.field.reason', { hint: 'admin.events.cancel.hint', attrs: { maxlength: LIMITS.reason, rows: 2 } });
  markRequired(reason);
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-danger btn-small', t: 'admin.events.cancel.confirm' });
  const form = h('form', { class: 'admin-form', novalidate: true, id: `event-${event.id}-cancel-form` }, reason.root, message.el, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.clear();
    if (!requireFilled([reason], message)) return;
    if (!withinLimits([[reason, LIMITS.reason]], message)) return;
    void busy(submit, async () => {
      try {
        await api.cancelEvent(event.id, reason.value());
        ec.ctx.notice('admin.events.cancelled', { title: event.title });
        await ec.reload();
        focusItem(event.id);
      } catch (err) {
        showAgendaFailure(err, message, 'admin.events', { reason });
      }
    });
  });
  return h('details', { class: 'admin-details compact event-cancel' }, h('summary', { t: 'admin.events.cancel' }), form);
}

export function minutesForm(ec: EventContext, event: MeetingEvent): HTMLElement {
  const api = agendaApi(ec.ctx.api);
  const id = `event-${event.id}-minutes`;
  const minutes = textareaField(`${id}-text`, 'admin.events.field.minutes', { attrs: { maxlength: LIMITS.minutes, rows: 5 } });
  const attendance = inputField(`${id}-attendance`, 'admin.events.field.attendance', {
    hint: 'admin.events.field.attendance.hint',
    attrs: { type: 'number', min: 0, max: LIMITS.attendance, step: 1, inputmode: 'numeric' },
  });
  markRequired(minutes);
  minutes.control.value = event.minutes ?? '';
  attendance.control.value = event.attendance === null ? '' : String(event.attendance);
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-small', t: 'admin.events.minutes.submit' });
  const form = h('form', { class: 'admin-form', novalidate: true, id: `${id}-form` }, minutes.root, attendance.root, message.el, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.clear();
    attendance.setError();
    if (!requireFilled([minutes], message)) return;
    if (!withinLimits([[minutes, LIMITS.minutes]], message)) return;
    const count = attendance.value() === '' ? null : Number(attendance.value());
    if (count !== null && (!Number.isInteger(count) || count < 0 || count > LIMITS.attendance)) {
      attendance.setError('admin.events.error.attendance');
      message.error('admin.error.fix');
      focus(attendance.control);
      return;
    }
    void busy(submit, async () => {
      try {
        await api.recordMinutes(event.id, minutes.value(), count);
        ec.ctx.notice('admin.events.minutes.saved', { title: event.title });
        await ec.reload();
        focusItem(event.id);
      } catch (err) {
        showAgendaFailure(err, message, 'admin.events', { minutes, attendance });
      }
    });
  });
  return h(
    'details',
    { class: 'admin-details compact event-minutes' },
    h('summary', { t: event.minutes ? 'admin.events.minutes.correct' : 'admin.events.minutes.add' }),
    form,
  );
}
