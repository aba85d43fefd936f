// The reporter's tracking page (#t=TOKEN, and #confirm=TOKEN after the e-mailed link): the
// report with its public history, plus what the reporter may do now: add information, reopen
// a finished report with a reason, confirm that a resolved one is really fixed.
import { ApiError } from '../api';
import { t, type MessageKey } from '../i18n';
import { el } from '../district/dom';
import * as api from './api';
import { errorMessage, field, textarea } from './fields';
import { renderHistory, renderReport } from './report_view';
import type { View } from './view';

const MAX_TEXT_BYTES = 5000;
const MAX_REASON_BYTES = 1000;

interface State {
  tracked: api.TrackedReport | null;
  failure: string | null;
  notice: MessageKey | null;
  busy: boolean;
}

function visibilityNote(tracked: api.TrackedReport): HTMLElement | null {
  if (tracked.visibility === 'public') return null;
  const key: MessageKey = tracked.visibility === 'pending' ? 'report.track.pending' : 'report.track.hidden';
  const p = el('p', 'report-notice report-notice-info', t(key));
  p.id = 'report-visibility';
  p.dataset.visibility = tracked.visibility;
  return p;
}

export function trackingView(container: HTMLElement, token: string | null, confirmToken: string | null): View {
  const state: State = { tracked: null, failure: null, notice: null, busy: false };

  async function act(run: () => Promise<api.TrackedReport>, notice: MessageKey, onError: (message: string) => void): Promise<void> {
    if (state.busy) return;
    state.busy = true;
    try {
      state.tracked = await run();
      state.notice = notice;
      render();
      container.querySelector<HTMLElement>('#report-notice')?.focus();
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      onError(errorMessage(err));
    } finally {
      state.busy = false;
    }
  }

  function textForm(id: string, labelKey: MessageKey, hintKey: MessageKey, submitKey: MessageKey, maxBytes: number,
    send: (text: string) => Promise<api.TrackedReport>, notice: MessageKey): HTMLElement {
    const form = el('form', 'report-action-form');
    form.noValidate = true;
    form.id = `${id}-form`;
    const text = field(id, labelKey, textarea(id, maxBytes), hintKey);
    const submit = el('button', 'btn btn-primary', t(submitKey));
    submit.type = 'submit';
    form.append(text.root, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = text.control.value.trim();
      if (value.length < 10) {
        text.setError(t('report.error.tooShort'));
        text.control.focus();
        return;
      }
      text.setError(null);
      void act(() => send(value), notice, (message) => {
        text.setError(message);
        text.control.focus();
      });
    });
    return form;
  }

  function actions(tracked: api.TrackedReport, tok: string): HTMLElement {
    const box = el('section', 'report-actions');
    box.setAttribute('aria-labelledby', 'report-actions-heading');
    const h2 = el('h2', 'report-section-heading', t('report.track.actions'));
    h2.id = 'report-actions-heading';
    box.append(h2);
    if (tracked.can_confirm_fixed) {
      const wrap = el('div', 'report-fixed');
      wrap.append(el('p', '', t('report.track.fixedQuestion')));
      const button = el('button', 'btn btn-primary', t('report.track.fixedButton'));
      button.type = 'button';
      button.id = 'report-fixed';
      const error = el('p', 'rf-error');
      error.hidden = true;
      button.addEventListener('click', () =>
        void act(() => api.confirmFixed(tok), 'report.track.fixedDone', (message) => {
          error.textContent = message;
          error.hidden = false;
        }),
      );
      wrap.append(button, error);
      box.append(wrap);
    }
    if (tracked.can_reopen) {
      box.append(textForm('report-reopen', 'report.track.reopenLabel', 'report.track.reopenHint', 'report.track.reopenButton',
        MAX_REASON_BYTES, (reason) => api.reopen(tok, reason), 'report.track.reopenDone'));
    }
    if (tracked.can_add_update) {
      box.append(textForm('report-more', 'report.track.moreLabel', 'report.track.moreHint', 'report.track.moreButton',
        MAX_TEXT_BYTES, (text) => api.addUpdate(tok, text), 'report.track.moreDone'));
    }
    return box;
  }

  function render(): void {
    container.dataset.view = 'track';
    if (state.failure) {
      container.dataset.state = 'error';
      const p = el('p', 'report-notice report-notice-error', state.failure);
      p.setAttribute('role', 'alert');
      container.replaceChildren(p);
      return;
    }
    if (!state.tracked) {
      container.dataset.state = 'loading';
      container.replaceChildren(el('p', 'report-muted', t('report.loading')));
      return;
    }
    const parts: HTMLElement[] = [];
    if (state.notice) {
      const p = el('p', 'report-notice report-notice-ok', t(state.notice));
      p.id = 'report-notice';
      p.tabIndex = -1;
      p.setAttribute('role', 'status');
      parts.push(p);
    }
    const note = visibilityNote(state.tracked);
    if (note) parts.push(note);
    parts.push(renderReport(state.tracked.report, state.tracked.visibility === 'public'));
    if (token) parts.push(actions(state.tracked, token));
    else parts.push(el('p', 'report-muted', t('report.confirm.useTrackingLink')));
    parts.push(renderHistory(state.tracked.report.updates ?? []));
    container.replaceChildren(...parts);
    container.dataset.state = 'ready';
  }

  async function load(): Promise<void> {
    render();
    try {
      if (confirmToken) {
        state.tracked = await api.confirmReport(confirmToken);
        state.notice = 'report.confirm.done';
      } else if (token) {
        state.tracked = await api.track(token);
      }
    } catch (err) {
      const notFound = err instanceof ApiError && err.status === 404;
      state.failure = notFound ? t(confirmToken ? 'report.confirm.notFound' : 'report.track.notFound') : errorMessage(err);
    }
    render();
  }

  // Category and level names come in the request's language: ask again after a switch.
  function relabel(): void {
    render();
    if (!token || !state.tracked) return;
    api.track(token).then((tracked) => {
      state.tracked = tracked;
      render();
    }, () => undefined);
  }

  return { start: load, relabel };
}
