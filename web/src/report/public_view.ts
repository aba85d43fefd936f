// One public report (#id=N): what anyone may see, without the reporter's actions.
import { ApiError } from '../api';
import { t } from '../i18n';
import { el } from '../district/dom';
import { fetchReport, type PublicReport } from './api';
import { errorMessage } from './fields';
import { pageHref } from './labels';
import { renderHistory, renderReport } from './report_view';
import type { View } from './view';

export function publicView(container: HTMLElement, id: number): View {
  let report: PublicReport | null = null;
  let failure: string | null = null;

  function render(): void {
    container.dataset.view = 'public';
    if (failure) {
      container.dataset.state = 'error';
      const p = el('p', 'report-notice report-notice-error', failure);
      p.setAttribute('role', 'alert');
      container.replaceChildren(p);
      return;
    }
    if (!report) {
      container.dataset.state = 'loading';
      container.replaceChildren(el('p', 'report-muted', t('report.loading')));
      return;
    }
    const parts: HTMLElement[] = [renderReport(report), renderHistory(report.updates ?? [])];
    const more = el('p', 'report-muted', t('report.view.trackHint'));
    parts.push(more);
    if (report.district_id !== null) {
      const back = el('a', 'btn btn-ghost', t('report.view.districtReports'));
      back.href = pageHref(`district=${report.district_id}`);
      parts.push(back);
    }
    container.replaceChildren(...parts);
    container.dataset.state = 'ready';
  }

  async function load(): Promise<void> {
    render();
    try {
      report = await fetchReport(id);
    } catch (err) {
      failure = err instanceof ApiError && err.status === 404 ? t('report.view.notFound') : errorMessage(err);
    }
    render();
  }

  return {
    start: load,
    relabel() {
      render();
      if (report) fetchReport(id).then((r) => ((report = r), render()), () => undefined);
    },
  };
}
