// Changing a report's state: only the states the server allows now (next_states), each with
// what it needs: "not our competence" the body it was passed to, "duplicate" the report it
// duplicates (a suggested nearby one or a number), "no action possible" and "reopened" a
// reason; the others an optional public message (with the answer templates).
import type { MessageKey } from '../i18n';
import { REPORT_LIMITS, STATE_ACTION, type AnswerTemplate, type ReportActionInput, type ReportState } from './api_reports';
import { h, setText } from './dom';
import { inputField, MessageBox, textareaField } from './forms';
import { filled, withinLimit, type Actor } from './report_act';
import { templatePicker } from './report_answer';
import { stateKey } from './report_labels';

const NEEDS_REASON: ReportState[] = ['closed_no_action', 'reopened'];

export function stateCard(actor: Actor, templates: AnswerTemplate[]): HTMLElement {
  const report = actor.report;
  const box = new MessageBox();
  const states = report.next_states.filter((s) => STATE_ACTION[s]);
  const title = h('h2', { class: 'admin-card-title', id: 'report-state-title', t: 'admin.reports.state.heading' });
  if (states.length === 0) {
    return h('section', { class: 'admin-card report-card', 'aria-labelledby': 'report-state-title' }, title, h('p', { class: 'muted', id: 'report-state-none', t: 'admin.reports.state.none' }));
  }

  const radios = states.map((state) => {
    const input = h('input', { type: 'radio', name: 'report-next-state', id: `report-next-${state}`, value: state });
    return { state, input, root: h('div', { class: 'field field-check' }, input, h('label', { for: `report-next-${state}`, t: stateKey(state) })) };
  });
  const passedTo = inputField('report-passed-to', 'admin.reports.state.passed_to', { hint: 'admin.reports.state.passed_to.hint', attrs: { maxlength: 200, autocomplete: 'off' } });
  const duplicates = report.possible_duplicates.filter((d) => d.id !== report.id);
  const duplicatePick = h(
    'fieldset',
    { class: 'report-duplicates' },
    h('legend', { t: 'admin.reports.state.duplicate_of' }),
    ...duplicates.map((d) => {
      const id = `report-duplicate-${d.id}`;
      const snippet = d.description.length > 100 ? `${d.description.slice(0, 100)}…` : d.description;
      return h('div', { class: 'field field-check' }, h('input', { type: 'radio', name: 'report-duplicate', id, value: d.id }), h('label', { for: id }, `#${d.id} ${snippet}`));
    }),
  );
  const duplicateId = inputField('report-duplicate-id', duplicates.length ? 'admin.reports.state.duplicate_other' : 'admin.reports.state.duplicate_id', {
    attrs: { inputmode: 'numeric', autocomplete: 'off', maxlength: 15 },
  });
  duplicatePick.append(duplicateId.root);
  const text = textareaField('report-state-text', 'admin.reports.state.message', { attrs: { rows: 3 } });
  const picker = templatePicker('report-state-template', templates, text);
  const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'report-state-submit', t: 'admin.reports.state.submit' });

  function chosen(): ReportState | null {
    return radios.find((r) => r.input.checked)?.state ?? null;
  }

  function showNeeds(): void {
    const state = chosen();
    passedTo.root.hidden = state !== 'closed_not_competent';
    duplicatePick.hidden = state !== 'closed_duplicate';
    const reason = state !== null && NEEDS_REASON.includes(state);
    const label = text.root.querySelector('label')!;
    setText(label, (reason ? 'admin.reports.state.reason' : 'admin.reports.state.message') as MessageKey);
    text.control.required = reason;
    label.classList.toggle('required', reason);
    passedTo.control.required = state === 'closed_not_competent';
  }

  const form = h(
    'form',
    { class: 'admin-form report-form', id: 'report-state', novalidate: true },
    h('fieldset', { class: 'report-next-states' }, h('legend', { t: 'admin.reports.state.choose' }), ...radios.map((r) => r.root)),
    passedTo.root,
    duplicatePick,
    picker,
    text.root,
    send,
    box.el,
  );
  form.addEventListener('change', showNeeds);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const state = chosen();
    if (!state) {
      box.error('admin.reports.state.pick');
      radios[0].input.focus();
      return;
    }
    const input: ReportActionInput = { action: STATE_ACTION[state] };
    if (state === 'closed_not_competent') {
      if (!filled(passedTo, box) || !withinLimit(passedTo, 200, box)) return;
      input.passed_to = passedTo.value();
    }
    if (state === 'closed_duplicate') {
      const picked = form.querySelector<HTMLInputElement>('input[name="report-duplicate"]:checked')?.value ?? duplicateId.value();
      if (!/^\d{1,15}$/.test(picked)) {
        duplicateId.setError('admin.reports.state.duplicate_missing');
        box.error('admin.error.fix');
        duplicateId.control.focus();
        return;
      }
      duplicateId.setError();
      input.duplicate_of = Number(picked);
    }
    if (NEEDS_REASON.includes(state) && !filled(text, box)) return;
    if (!withinLimit(text, NEEDS_REASON.includes(state) ? REPORT_LIMITS.reason : REPORT_LIMITS.text, box)) return;
    if (text.value()) input.text = text.value();
    void actor.act(input, send, box, { passed_to: passedTo, duplicate_of: duplicateId, text });
  });
  showNeeds();
  return h('section', { class: 'admin-card report-card', 'aria-labelledby': 'report-state-title' }, title, form);
}
