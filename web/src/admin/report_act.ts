// How a report's page runs one action: the version it read goes along; success shows the
// report as it is now (and a page-wide notice); a 409 explains that someone changed the report
// meanwhile and offers to reload; other failures land on the form's field or message.
import { hasKey, type MessageKey } from '../i18n';
import { AdminApiError, SessionExpired } from './api';
import { utf8Length } from './api_agenda';
import type { ReportActionInput, StaffReport } from './api_reports';
import type { Ctx } from './context';
import { focus, h } from './dom';
import { busy, MessageBox, showFailure, type Field } from './forms';
import { isConflict } from './report_labels';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Actor {
  ctx: Ctx;
  report: StaffReport;
  /** Runs the action; true when it was done (the page then shows the new state). */
  act(input: ReportActionInput, button: HTMLButtonElement, box: MessageBox, fields?: Record<string, Field<Control>>): Promise<boolean>;
}

export function doneKey(action: string): MessageKey {
  const key = `admin.reports.done.${action}`;
  return hasKey(key) ? key : 'admin.reports.done.other';
}

/** Marks a text over `limit` bytes; false when it is. */
export function withinLimit(field: Field<HTMLInputElement | HTMLTextAreaElement>, limit: number, box: MessageBox): boolean {
  if (utf8Length(field.value()) <= limit) return true;
  field.setError(['admin.reports.too_long', { limit }]);
  box.error('admin.error.fix');
  focus(field.control);
  return false;
}

/** Marks an empty required text; false when it is. */
export function filled(field: Field<Control>, box: MessageBox): boolean {
  if (field.value() !== '') {
    field.setError();
    return true;
  }
  field.setError('admin.error.required');
  box.error('admin.error.fix');
  focus(field.control);
  return false;
}

/** The conflict notice with its reload button (role=alert: it is announced at once). */
export function conflictNotice(reload: () => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'btn btn-primary btn-small', id: 'report-reload', t: 'admin.reports.conflict.reload' });
  button.addEventListener('click', reload);
  return h(
    'div',
    { class: 'inline-message inline-message-error report-conflict', id: 'report-conflict', role: 'alert' },
    h('p', { t: 'admin.reports.conflict' }),
    button,
  );
}

export interface ActorHooks {
  /** The report as the server returned it after an action. */
  changed(report: StaffReport, action: string): void;
  /** A 409: show the conflict notice. */
  conflict(): void;
}

export function makeActor(ctx: Ctx, report: StaffReport, hooks: ActorHooks, send: (input: ReportActionInput) => Promise<StaffReport>): Actor {
  return {
    ctx,
    report,
    async act(input, button, box, fields = {}) {
      box.clear();
      let ok = false;
      await busy(button, async () => {
        try {
          const next = await send(input);
          ok = true;
          hooks.changed(next, input.action);
        } catch (err) {
          if (err instanceof SessionExpired) return;
          if (isConflict(err)) {
            box.error('admin.reports.conflict');
            hooks.conflict();
            return;
          }
          const key = err instanceof AdminApiError ? `admin.reports.error.${err.field ?? ''}.${err.code}` : '';
          if (hasKey(key)) box.error(key);
          else showFailure(err, box, fields);
        }
      });
      return ok;
    },
  };
}
