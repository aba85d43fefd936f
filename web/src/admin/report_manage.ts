// A report's other staff actions: moderation (approve, hide, edit the public text; the
// original stays), reassign (to me or to the district's role holder), recategorise, move (on
// the map or by typed coordinates; routing follows) and escalation with a reason.
import { lang, type MessageKey } from '../i18n';
import { SessionExpired } from './api';
import { teamHistory } from './api_directory';
import { REPORT_LIMITS, type ReportCategory } from './api_reports';
import { h } from './dom';
import { inputField, MessageBox, selectField, textareaField } from './forms';
import { filled, withinLimit, type Actor } from './report_act';
import type { ReportMap } from './report_map';

function card(id: string, title: MessageKey, ...children: Array<HTMLElement | null>): HTMLElement {
  return h('section', { class: 'admin-card report-card', 'aria-labelledby': `${id}-title` }, h('h2', { class: 'admin-card-title', id: `${id}-title`, t: title }), ...children);
}

export function moderationCard(actor: Actor): HTMLElement {
  const report = actor.report;
  const box = new MessageBox();
  const state = h('p', { id: 'report-visibility', 'data-visibility': report.visibility, t: `admin.reports.moderation.is_${report.visibility}` as const });
  let approve: HTMLElement | null = null;
  if (report.visibility === 'pending') {
    const button = h('button', { type: 'button', class: 'btn btn-primary', id: 'report-approve', t: 'admin.reports.moderation.approve' });
    button.addEventListener('click', () => void actor.act({ action: 'approve' }, button, box));
    approve = h('div', { class: 'admin-actions' }, button);
  }
  let hideForm: HTMLElement | null = null;
  if (report.visibility !== 'hidden') {
    const reason = textareaField('report-hide-reason', 'admin.reports.moderation.hide_reason', { attrs: { rows: 2 } });
    const hide = h('button', { type: 'submit', class: 'btn btn-danger', id: 'report-hide', t: 'admin.reports.moderation.hide' });
    hideForm = h('form', { class: 'admin-form report-form', id: 'report-hide-form', novalidate: true }, reason.root, hide);
    hideForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!filled(reason, box) || !withinLimit(reason, REPORT_LIMITS.reason, box)) return;
      void actor.act({ action: 'hide', text: reason.value() }, hide, box, { text: reason });
    });
  }

  const publicText = textareaField('report-public-text', 'admin.reports.moderation.public_text', { hint: 'admin.reports.moderation.public_text.hint', attrs: { rows: 5 } });
  publicText.control.value = report.public_description;
  const save = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'report-public-save', t: 'admin.reports.moderation.save' });
  const editBox = new MessageBox();
  const edit = h('form', { class: 'admin-form report-form', id: 'report-public-form', novalidate: true }, publicText.root, save, editBox.el);
  edit.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!filled(publicText, editBox) || !withinLimit(publicText, REPORT_LIMITS.text, editBox)) return;
    void actor.act({ action: 'edit_public_text', text: publicText.value() }, save, editBox, { text: publicText });
  });
  return card('report-moderation', 'admin.reports.moderation.heading', state, approve, hideForm, box.el, edit);
}

export function reassignCard(actor: Actor): HTMLElement {
  const report = actor.report;
  const box = new MessageBox();
  const me = actor.ctx.me()?.user.id;
  const toMe = h('button', { type: 'button', class: 'btn btn-secondary', id: 'report-assign-me', t: 'admin.reports.reassign.me', disabled: !me || report.owner_user_id === me });
  toMe.addEventListener('click', () => void actor.act({ action: 'reassign', owner_user_id: me }, toMe, box));
  const role = selectField('report-owner-role', 'admin.reports.reassign.role', [{ value: '', t: 'admin.reports.reassign.role.pick' }]);
  const send = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'report-assign-role', t: 'admin.reports.reassign.submit' });
  const form = h('form', { class: 'admin-form report-form', id: 'report-reassign', novalidate: true }, role.root, send);
  form.hidden = report.district_id === null;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!filled(role, box)) return;
    void actor.act({ action: 'reassign', owner_role: role.value() }, send, box, { owner_role: role, owner_role_code: role });
  });
  if (report.district_id !== null) {
    teamHistory(actor.ctx.api, report.district_id).then(
      ({ team }) => {
        for (const seat of team.filter((s) => !s.role.retired)) {
          const holder = seat.holders.find((x) => x.current);
          const option = h('option', { value: seat.role.code });
          option.textContent = `${lang() === 'cs' ? seat.role.name.cs : seat.role.name.en}${holder ? ` · ${holder.name}` : ''}`;
          role.control.append(option);
        }
      },
      (err) => {
        if (!(err instanceof SessionExpired)) form.hidden = true;
      },
    );
  }
  const owner = h('p', { id: 'report-owner' }, h('span', { t: 'admin.reports.owner' }), ': ', report.owner_name ?? h('span', { class: 'muted', t: 'admin.reports.owner.none' }));
  return card('report-reassign', 'admin.reports.reassign.heading', owner, h('div', { class: 'admin-actions' }, toMe), form, box.el);
}

export function categoryCard(actor: Actor, categories: ReportCategory[]): HTMLElement | null {
  const choices = categories.filter((c) => c.accepts_reports && c.code !== actor.report.category);
  if (choices.length === 0) return null;
  const box = new MessageBox();
  const category = selectField('report-category', 'admin.reports.category.new', [{ value: '', t: 'admin.reports.category.pick' }, ...choices.map((c) => ({ value: c.code, text: c.name }))]);
  const send = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'report-category-submit', t: 'admin.reports.category.submit' });
  const form = h('form', { class: 'admin-form report-form', id: 'report-recategorise', novalidate: true }, category.root, send, box.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!filled(category, box)) return;
    void actor.act({ action: 'recategorise', category: category.value() }, send, box, { category });
  });
  return card('report-category', 'admin.reports.category.heading', h('p', { class: 'hint', t: 'admin.reports.category.hint' }), form);
}

export function moveCard(actor: Actor, map: ReportMap): HTMLElement {
  const box = new MessageBox();
  const lon = inputField('report-lon', 'admin.reports.move.lon', { attrs: { inputmode: 'decimal', autocomplete: 'off', value: actor.report.lon } });
  const lat = inputField('report-lat', 'admin.reports.move.lat', { attrs: { inputmode: 'decimal', autocomplete: 'off', value: actor.report.lat } });
  map.onPick = (point) => {
    lon.control.value = String(point.lon);
    lat.control.value = String(point.lat);
  };
  const follow = () => {
    const x = Number(lon.value());
    const y = Number(lat.value());
    if (lon.value() && lat.value() && Number.isFinite(x) && Number.isFinite(y)) map.setPoint({ lon: x, lat: y }, true);
  };
  lon.control.addEventListener('change', follow);
  lat.control.addEventListener('change', follow);
  const send = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'report-move-submit', t: 'admin.reports.move.submit' });
  const form = h('form', { class: 'admin-form report-form', id: 'report-move', novalidate: true }, h('div', { class: 'form-grid report-coords' }, lon.root, lat.root), send, box.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const x = Number(lon.value());
    const y = Number(lat.value());
    const badLon = !lon.value() || !Number.isFinite(x) || x < -180 || x > 180;
    const badLat = !lat.value() || !Number.isFinite(y) || y < -90 || y > 90;
    lon.setError(...(badLon ? (['admin.reports.move.invalid'] as const) : []));
    lat.setError(...(badLat ? (['admin.reports.move.invalid'] as const) : []));
    if (badLon || badLat) {
      box.error('admin.error.fix');
      (badLon ? lon : lat).control.focus();
      return;
    }
    void actor.act({ action: 'move', lon: x, lat: y }, send, box, { lon, lat });
  });
  return card('report-move', 'admin.reports.move.heading', h('p', { class: 'hint', t: 'admin.reports.move.hint' }), form);
}

export function escalateCard(actor: Actor): HTMLElement {
  const box = new MessageBox();
  const reason = textareaField('report-escalate-reason', 'admin.reports.escalate.reason', { hint: 'admin.reports.escalate.hint', attrs: { rows: 3, required: true } });
  const send = h('button', { type: 'submit', class: 'btn btn-danger', id: 'report-escalate-submit', t: 'admin.reports.escalate.submit' });
  const form = h('form', { class: 'admin-form report-form', id: 'report-escalate', novalidate: true }, reason.root, send, box.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!filled(reason, box) || !withinLimit(reason, REPORT_LIMITS.reason, box)) return;
    void actor.act({ action: 'escalate', text: reason.value() }, send, box, { text: reason });
  });
  return card('report-escalate', 'admin.reports.escalate.heading', form);
}
