// The town's answer templates (#/reports/templates, reports.configure): the list, a form that
// creates a template or edits the chosen one, and deletion after a confirmation. A user who
// works for several towns picks the town first.
import '../styles/admin-reports.css';
import { t } from '../i18n';
import { AdminApiError, SessionExpired } from './api';
import { REPORT_LIMITS, reportsApi, type AnswerTemplate } from './api_reports';
import type { Ctx, View } from './context';
import { focus, h, setText } from './dom';
import { busy, inputField, MessageBox, selectField, showFailure, textareaField } from './forms';
import { pageHeading } from './layout';
import { filled, withinLimit } from './report_act';
import { myTowns } from './report_labels';

export function reportTemplatesView(ctx: Ctx): View {
  const api = reportsApi(ctx.api);
  const heading = pageHeading('admin.reports.templates.heading', 'admin.reports.templates.intro');
  const message = new MessageBox();
  const list = h('div', { class: 'report-templates', id: 'templates-list', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));
  const townSlot = h('div', {});
  let town = 0;
  let editing: AnswerTemplate | null = null;

  const box = new MessageBox();
  const title = inputField('template-title', 'admin.reports.templates.title', { attrs: { maxlength: REPORT_LIMITS.title, autocomplete: 'off', required: true } });
  const text = textareaField('template-body', 'admin.reports.templates.body', { hint: 'admin.reports.templates.body.hint', attrs: { rows: 6, required: true } });
  for (const field of [title, text]) field.root.querySelector('label')?.classList.add('required');
  const formTitle = h('h2', { class: 'admin-card-title', id: 'template-form-title', t: 'admin.reports.templates.new' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'template-save', t: 'admin.reports.templates.create' });
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', id: 'template-cancel', t: 'admin.reports.templates.cancel', hidden: true });
  const form = h('form', { class: 'admin-form', id: 'template-form', novalidate: true }, title.root, text.root, h('div', { class: 'admin-actions' }, save, cancel), box.el);
  const formCard = h('section', { class: 'admin-card', 'aria-labelledby': 'template-form-title' }, formTitle, form);

  function edit(template: AnswerTemplate | null): void {
    editing = template;
    title.control.value = template?.title ?? '';
    text.control.value = template?.body ?? '';
    title.setError();
    text.setError();
    setText(formTitle, template ? 'admin.reports.templates.edit_heading' : 'admin.reports.templates.new');
    setText(save, template ? 'admin.reports.templates.save' : 'admin.reports.templates.create');
    cancel.hidden = !template;
    if (template) focus(title.control);
  }
  cancel.addEventListener('click', () => edit(null));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    box.clear();
    if (!filled(title, box) || !filled(text, box)) return;
    if (!withinLimit(title, REPORT_LIMITS.title, box) || !withinLimit(text, REPORT_LIMITS.text, box)) return;
    void busy(save, async () => {
      try {
        if (editing) await api.updateTemplate(editing.id, title.value(), text.value());
        else await api.createTemplate(town, title.value(), text.value());
        ctx.notice(editing ? 'admin.reports.templates.saved' : 'admin.reports.templates.created');
        edit(null);
        await load();
      } catch (err) {
        if (err instanceof SessionExpired) return;
        if (err instanceof AdminApiError && err.code === 'conflict') {
          title.setError('admin.reports.error.title.conflict');
          box.error('admin.error.fix');
          focus(title.control);
          return;
        }
        showFailure(err, box, { title, body: text });
      }
    });
  });

  async function load(): Promise<void> {
    list.setAttribute('aria-busy', 'true');
    try {
      const templates = await api.templates(town);
      list.replaceChildren(templates.length ? h('ul', { class: 'plain-list template-items' }, ...templates.map(item)) : h('p', { class: 'muted', id: 'templates-none', t: 'admin.reports.templates.none' }));
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      list.replaceChildren();
    }
    list.removeAttribute('aria-busy');
  }

  function item(template: AnswerTemplate): HTMLElement {
    const editButton = h('button', { type: 'button', class: 'btn btn-secondary btn-small template-edit', 'aria-describedby': `template-${template.id}-title`, t: 'admin.reports.templates.edit' });
    editButton.addEventListener('click', () => edit(template));
    const remove = h('button', { type: 'button', class: 'btn btn-danger btn-small template-delete', 'aria-describedby': `template-${template.id}-title`, t: 'admin.reports.templates.delete' });
    remove.addEventListener('click', () => {
      if (!window.confirm(`${template.title}\n\n${t('admin.reports.templates.delete_confirm')}`)) return;
      void busy(remove, async () => {
        try {
          await api.deleteTemplate(template.id);
          ctx.notice('admin.reports.templates.deleted');
          if (editing?.id === template.id) edit(null);
          await load();
        } catch (err) {
          if (!(err instanceof SessionExpired)) showFailure(err, message);
        }
      });
    });
    return h(
      'li',
      { class: 'template-item', 'data-template': template.id },
      h('h3', { class: 'template-title', id: `template-${template.id}-title` }, template.title),
      h('p', { class: 'template-body pre-line' }, template.body),
      h('div', { class: 'admin-actions' }, editButton, remove),
    );
  }

  async function start(): Promise<void> {
    const towns = await myTowns(ctx);
    if (towns.length === 0) {
      list.replaceChildren(h('p', { class: 'muted', t: 'admin.reports.templates.no_town' }));
      list.removeAttribute('aria-busy');
      formCard.hidden = true;
      return;
    }
    town = towns[0];
    if (towns.length > 1) {
      const pick = selectField('templates-town', 'admin.reports.templates.town', towns.map((code) => ({ value: String(code), text: String(code) })));
      pick.control.addEventListener('change', () => {
        town = Number(pick.control.value);
        edit(null);
        void load();
      });
      townSlot.append(pick.root);
    }
    await load();
  }
  void start();

  const root = h(
    'div',
    { class: 'admin-page report-templates-page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/reports', t: 'admin.reports.back' })),
    heading,
    message.el,
    townSlot,
    h('section', { class: 'admin-card', 'aria-labelledby': 'templates-list-title' }, h('h2', { class: 'admin-card-title', id: 'templates-list-title', t: 'admin.reports.templates.list' }), list),
    formCard,
  );
  return { name: 'report_templates', root, focus: heading.querySelector('h1') ?? undefined };
}
