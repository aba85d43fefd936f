// Revealing a reporter's contact: only with a reason, recorded in the audit log (the card says
// so before anything is shown); the contact is shown once, on this page, and kept nowhere.
import { SessionExpired } from './api';
import { REPORT_LIMITS, reportsApi, type Contact } from './api_reports';
import type { Ctx } from './context';
import { h } from './dom';
import { busy, MessageBox, showFailure, textareaField } from './forms';
import { facts } from './layout';
import { filled, withinLimit } from './report_act';

export function contactCard(ctx: Ctx, reportId: number): HTMLElement {
  const box = new MessageBox();
  const reason = textareaField('report-contact-reason', 'admin.reports.contact.reason', { hint: 'admin.reports.contact.reason.hint', attrs: { rows: 2, required: true } });
  reason.root.querySelector('label')?.classList.add('required');
  const send = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'report-contact-submit', t: 'admin.reports.contact.submit' });
  const form = h('form', { class: 'admin-form report-form', id: 'report-contact', novalidate: true }, reason.root, send, box.el);
  const slot = h('div', { id: 'report-contact-shown', 'aria-live': 'polite' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!filled(reason, box) || !withinLimit(reason, REPORT_LIMITS.reason, box)) return;
    void busy(send, async () => {
      try {
        show(await reportsApi(ctx.api).revealContact(reportId, reason.value()));
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, box, { reason });
      }
    });
  });

  function show(contact: Contact): void {
    const value = (text: string | null) => text ?? h('span', { class: 'muted', t: 'admin.reports.contact.none' });
    form.hidden = true;
    slot.replaceChildren(
      facts([
        ['admin.reports.contact.name', value(contact.name)],
        ['admin.reports.contact.email', contact.email ? h('a', { href: `mailto:${contact.email}` }, contact.email) : value(null)],
        ['admin.reports.contact.phone', contact.phone ? h('a', { href: `tel:${contact.phone.replace(/[^0-9+]/g, '')}` }, contact.phone) : value(null)],
      ]),
      h('p', { class: 'hint', t: 'admin.reports.contact.shown' }),
    );
  }

  return h(
    'section',
    { class: 'admin-card report-card report-contact-card', 'aria-labelledby': 'report-contact-title' },
    h('h2', { class: 'admin-card-title', id: 'report-contact-title', t: 'admin.reports.contact.heading' }),
    h('p', { class: 'hint', id: 'report-contact-audited', t: 'admin.reports.contact.audited' }),
    form,
    slot,
  );
}
