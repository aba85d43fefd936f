// The public answer (with the town's answer templates: picking one fills the text) and the
// internal note, clearly marked as never shown to the public.
import type { AnswerTemplate } from './api_reports';
import { REPORT_LIMITS } from './api_reports';
import { h } from './dom';
import { MessageBox, selectField, textareaField, type Field } from './forms';
import { filled, withinLimit, type Actor } from './report_act';

/** A select of the templates that fills `target` (nothing when there are none). */
export function templatePicker(id: string, templates: AnswerTemplate[], target: Field<HTMLTextAreaElement>): HTMLElement | null {
  if (templates.length === 0) return null;
  const picker = selectField(id, 'admin.reports.answer.template', [{ value: '', t: 'admin.reports.answer.template.none' }, ...templates.map((tpl) => ({ value: String(tpl.id), text: tpl.title }))], {
    hint: 'admin.reports.answer.template.hint',
  });
  picker.control.addEventListener('change', () => {
    const chosen = templates.find((tpl) => String(tpl.id) === picker.control.value);
    if (!chosen) return;
    target.control.value = chosen.body;
    target.setError();
  });
  return picker.root;
}

export function answerCard(actor: Actor, templates: AnswerTemplate[]): HTMLElement {
  const box = new MessageBox();
  const text = textareaField('report-answer-text', 'admin.reports.answer.text', { hint: 'admin.reports.answer.hint', attrs: { rows: 5 } });
  const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'report-answer-submit', t: 'admin.reports.answer.submit' });
  const form = h('form', { class: 'admin-form report-form', id: 'report-answer', novalidate: true }, templatePicker('report-answer-template', templates, text), text.root, send, box.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!filled(text, box) || !withinLimit(text, REPORT_LIMITS.text, box)) return;
    void actor.act({ action: 'answer', text: text.value() }, send, box, { text });
  });
  return h(
    'section',
    { class: 'admin-card report-card', 'aria-labelledby': 'report-answer-title' },
    h('h2', { class: 'admin-card-title', id: 'report-answer-title', t: 'admin.reports.answer.heading' }),
    form,
  );
}

export function noteCard(actor: Actor): HTMLElement {
  const box = new MessageBox();
  const text = textareaField('report-note-text', 'admin.reports.note.text', { hint: 'admin.reports.note.hint', attrs: { rows: 3 } });
  const send = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'report-note-submit', t: 'admin.reports.note.submit' });
  const form = h('form', { class: 'admin-form report-form', id: 'report-note', novalidate: true }, text.root, send, box.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!filled(text, box) || !withinLimit(text, REPORT_LIMITS.text, box)) return;
    void actor.act({ action: 'note', text: text.value() }, send, box, { text });
  });
  return h(
    'section',
    { class: 'admin-card report-card report-internal', 'aria-labelledby': 'report-note-title' },
    h('h2', { class: 'admin-card-title', id: 'report-note-title' }, h('span', { class: 'badge badge-internal', t: 'admin.reports.internal' }), ' ', h('span', { t: 'admin.reports.note.heading' })),
    form,
  );
}
