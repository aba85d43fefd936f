// The e-mailed links of area alerts: #subscribe=TOKEN confirms, #unsubscribe=TOKEN ends it.
import { ApiError } from '../api';
import { t, type MessageKey } from '../i18n';
import { el } from '../district/dom';
import { confirmSubscription, unsubscribe } from './api';
import type { View } from './view';

export function subscriptionView(container: HTMLElement, token: string, action: 'subscribe' | 'unsubscribe'): View {
  let outcome: MessageKey | null = null;
  let ok = false;

  function render(): void {
    container.dataset.view = action;
    if (!outcome) {
      container.dataset.state = 'loading';
      container.replaceChildren(el('p', 'report-muted', t('report.loading')));
      return;
    }
    const h1 = el('h1', 'report-title', t(action === 'subscribe' ? 'report.alerts.confirmHeading' : 'report.alerts.unsubscribeHeading'));
    h1.id = 'report-heading';
    const p = el('p', `report-notice ${ok ? 'report-notice-ok' : 'report-notice-error'}`, t(outcome));
    p.id = 'report-outcome';
    p.setAttribute('role', ok ? 'status' : 'alert');
    container.replaceChildren(h1, p);
    container.dataset.state = ok ? 'ready' : 'error';
  }

  async function load(): Promise<void> {
    render();
    try {
      await (action === 'subscribe' ? confirmSubscription(token) : unsubscribe(token));
      ok = true;
      outcome = action === 'subscribe' ? 'report.alerts.confirmed' : 'report.alerts.unsubscribed';
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      outcome = err instanceof ApiError && err.status === 404 ? 'report.alerts.badLink' : 'report.error.code.unknown';
    }
    render();
  }

  return { start: load, relabel: render };
}
