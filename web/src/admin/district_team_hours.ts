// The office-hours editor of a holder's profile: rows of weekday / from / to / place that can be
// added (up to the server's 14) and removed, and a free note ("otherwise by appointment").
import type { MessageKey } from '../i18n';
import type { OfficeHours } from './api_directory';
import { focus, h, setText } from './dom';
import { inputField, selectField, textareaField, type Field, type MessageBox } from './forms';
import type { AnyField } from './district_team_text';

export const MAX_HOURS = 14;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function weekdayKey(day: number): MessageKey {
  return `admin.team.weekday.${Math.min(7, Math.max(1, day))}` as MessageKey;
}

interface Row {
  root: HTMLElement;
  weekday: Field<HTMLSelectElement>;
  from: Field<HTMLInputElement>;
  to: Field<HTMLInputElement>;
  place: Field<HTMLInputElement>;
  remove: HTMLButtonElement;
}

export interface HoursEditor {
  root: HTMLElement;
  note: Field<HTMLTextAreaElement>;
  value(): OfficeHours[];
  /** The fields under the names the server's errors use ("office_hours[1].from"). */
  fields(): Record<string, AnyField>;
  /** Marks rows without times or ending before they start; false when any is wrong. */
  check(box: MessageBox): boolean;
}

export function hoursEditor(prefix: string, hours: OfficeHours[], note: string | null): HoursEditor {
  let serial = 0;
  const rows: Row[] = [];
  const list = h('div', { class: 'hours-rows' });
  const empty = h('p', { class: 'muted hours-empty', t: 'admin.team.hours.none' });
  const add = h('button', { type: 'button', class: 'btn btn-secondary btn-small hours-add', id: `${prefix}-hours-add`, t: 'admin.team.hours.add' });
  const limit = h('p', { class: 'hint', id: `${prefix}-hours-limit`, hidden: true });
  setText(limit, 'admin.team.hours.limit', { max: MAX_HOURS });
  const noteField = textareaField(`${prefix}-hours-note`, 'admin.team.field.hours_note', {
    hint: 'admin.team.hours.note.hint',
    attrs: { maxlength: 500, rows: 2 },
  });
  noteField.control.value = note ?? '';

  function renumber(): void {
    rows.forEach((row, i) => {
      setText(row.root.querySelector('legend')!, 'admin.team.hours.row', { n: i + 1 });
      setText(row.remove, 'admin.team.hours.remove', { n: i + 1 });
    });
    empty.hidden = rows.length > 0;
    add.disabled = rows.length >= MAX_HOURS;
    limit.hidden = rows.length < MAX_HOURS;
  }

  function addRow(entry: OfficeHours | null): Row {
    const id = `${prefix}-hours-${serial++}`;
    const weekday = selectField(
      `${id}-weekday`,
      'admin.team.field.weekday',
      WEEKDAYS.map((d) => ({ value: String(d), t: weekdayKey(d) })),
    );
    const from = inputField(`${id}-from`, 'admin.team.field.hours_from', { attrs: { type: 'time', required: true } });
    const to = inputField(`${id}-to`, 'admin.team.field.hours_to', { attrs: { type: 'time', required: true } });
    const place = inputField(`${id}-place`, 'admin.team.field.hours_place', { attrs: { maxlength: 200, autocomplete: 'off' } });
    weekday.control.value = String(entry?.weekday ?? 1);
    from.control.value = entry?.from ?? '';
    to.control.value = entry?.to ?? '';
    place.control.value = entry?.place ?? '';
    const remove = h('button', { type: 'button', class: 'btn btn-ghost btn-small hours-remove', 'data-hours-remove': '' });
    const legend = h('legend', { class: 'hours-legend' });
    const root = h(
      'fieldset',
      { class: 'hours-row', id },
      legend,
      h('div', { class: 'hours-grid' }, weekday.root, from.root, to.root, place.root),
      remove,
    );
    const row: Row = { root, weekday, from, to, place, remove };
    remove.addEventListener('click', () => {
      const index = rows.indexOf(row);
      rows.splice(index, 1);
      root.remove();
      renumber();
      focus(rows[Math.min(index, rows.length - 1)]?.weekday.control ?? add);
    });
    rows.push(row);
    list.append(root);
    renumber();
    return row;
  }

  for (const entry of hours.slice(0, MAX_HOURS)) addRow(entry);
  add.addEventListener('click', () => {
    if (rows.length >= MAX_HOURS) return;
    const previous = rows[rows.length - 1];
    const row = addRow(null);
    // A new row starts on the day after the last one, with its times (the usual pattern).
    if (previous) {
      row.weekday.control.value = String(Math.min(7, Number(previous.weekday.control.value) + 1));
      row.from.control.value = previous.from.control.value;
      row.to.control.value = previous.to.control.value;
      row.place.control.value = previous.place.control.value;
    }
    row.weekday.control.focus();
  });
  renumber();

  const root = h(
    'fieldset',
    { class: 'hours-editor' },
    h('legend', { class: 'hours-editor-legend', t: 'admin.team.field.hours' }),
    empty,
    list,
    h('div', { class: 'admin-actions' }, add),
    limit,
    noteField.root,
  );

  return {
    root,
    note: noteField,
    value: () =>
      rows.map((row) => ({
        weekday: Number(row.weekday.control.value),
        from: row.from.control.value,
        to: row.to.control.value,
        place: row.place.value() === '' ? null : row.place.value(),
      })),
    fields() {
      const named: Record<string, AnyField> = { office_hours: rows[0]?.weekday ?? noteField, office_hours_note: noteField };
      rows.forEach((row, i) => {
        named[`office_hours[${i}]`] = row.weekday;
        named[`office_hours[${i}].weekday`] = row.weekday;
        named[`office_hours[${i}].from`] = row.from;
        named[`office_hours[${i}].to`] = row.to;
        named[`office_hours[${i}].place`] = row.place;
      });
      return named;
    },
    check(box) {
      let first: HTMLElement | null = null;
      for (const row of rows) {
        row.from.setError();
        row.to.setError();
        if (!row.from.value()) {
          row.from.setError('admin.error.required');
          first ??= row.from.control;
        }
        if (!row.to.value()) {
          row.to.setError('admin.error.required');
          first ??= row.to.control;
        } else if (row.from.value() && row.to.value() <= row.from.value()) {
          row.to.setError('admin.team.error.office_hours.to');
          first ??= row.to.control;
        }
      }
      if (first) {
        box.error('admin.error.fix');
        focus(first);
        return false;
      }
      return true;
    },
  };
}
