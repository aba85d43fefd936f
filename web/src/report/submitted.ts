// After a report is sent: its tracking link (to keep), whether a confirmation e-mail went
// out, who got the report, and the response targets in working days.
import { t } from '../i18n';
import { el } from '../district/dom';
import type { Category, SubmitAnswer } from './api';
import { pageHref } from './labels';
import type { View } from './view';

export function trackingLink(answer: SubmitAnswer): string {
  // Built from where the page is, not from the server's public address (which a test or a
  // proxy may not match).
  return new URL(pageHref(`t=${answer.tracking_token}`), window.location.href).toString();
}

export function submittedView(container: HTMLElement, answer: SubmitAnswer, category: Category, photoFailures: string[]): View {
  let copied: 'done' | 'failed' | null = null;

  function render(): void {
    container.dataset.view = 'submitted';
    const link = trackingLink(answer);
    const h1 = el('h1', 'report-title', t('report.done.heading', { id: answer.id }));
    h1.id = 'report-heading';
    h1.tabIndex = -1;

    const linkBox = el('section', 'report-box report-tracking');
    linkBox.setAttribute('aria-labelledby', 'report-tracking-heading');
    const h2 = el('h2', 'report-section-heading', t('report.done.linkHeading'));
    h2.id = 'report-tracking-heading';
    const label = el('label', 'rf-label', t('report.done.linkLabel'));
    label.htmlFor = 'report-tracking-link';
    const row = el('div', 'report-copy-row');
    const input = el('input', 'report-link-input');
    input.id = 'report-tracking-link';
    input.type = 'text';
    input.readOnly = true;
    input.value = link;
    input.setAttribute('aria-describedby', 'report-tracking-hint');
    const copy = el('button', 'btn btn-secondary', t('report.done.copy'));
    copy.type = 'button';
    copy.id = 'report-copy';
    const copyStatus = el('p', 'report-copy-status', copied ? t(copied === 'done' ? 'report.done.copied' : 'report.done.copyFailed') : '');
    copyStatus.setAttribute('role', 'status');
    copy.addEventListener('click', () => {
      navigator.clipboard.writeText(link).then(
        () => ((copied = 'done'), (copyStatus.textContent = t('report.done.copied'))),
        () => {
          copied = 'failed';
          copyStatus.textContent = t('report.done.copyFailed');
          input.select();
        },
      );
    });
    row.append(input, copy);
    const hint = el('p', 'rf-hint', t('report.done.linkHint'));
    hint.id = 'report-tracking-hint';
    const open = el('a', 'btn btn-ghost', t('report.done.open'));
    open.href = pageHref(`t=${answer.tracking_token}`);
    open.id = 'report-open-tracking';
    linkBox.append(h2, label, row, hint, copyStatus, open);

    const next = el('section', 'report-box report-next');
    next.setAttribute('aria-labelledby', 'report-next-heading');
    const h2b = el('h2', 'report-section-heading', t('report.done.nextHeading'));
    h2b.id = 'report-next-heading';
    const mail = el('p', 'report-done-mail');
    mail.id = 'report-done-mail';
    mail.dataset.sent = String(answer.confirmation_sent);
    if (answer.confirmation_sent) mail.textContent = t('report.done.mailSent');
    else if (answer.visibility === 'pending') mail.textContent = t('report.done.noMail');
    else mail.textContent = t('report.done.public');
    const owner = el('p', 'report-done-owner');
    owner.id = 'report-done-owner';
    owner.textContent = answer.owner_name ? t('report.done.owner', { name: answer.owner_name }) : t('report.done.noOwner');
    const targets = el('p', 'report-done-targets', t('report.done.targets', { first: category.first_response_days, resolution: category.resolution_days }));
    targets.id = 'report-done-targets';
    next.append(h2b, mail, owner, targets);
    if (photoFailures.length) {
      const failed = el('div', 'report-notice report-notice-error');
      failed.setAttribute('role', 'alert');
      failed.append(el('p', '', t('report.done.photosFailed')));
      const ul = el('ul');
      for (const f of photoFailures) ul.append(el('li', '', f));
      failed.append(ul);
      next.append(failed);
    }
    container.replaceChildren(h1, linkBox, next);
    container.dataset.state = 'ready';
  }

  return {
    async start() {
      render();
      container.querySelector<HTMLElement>('#report-heading')?.focus();
    },
    relabel: render,
  };
}
