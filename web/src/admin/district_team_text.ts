// Small parts of the team editor: texts that follow the language switch without a message key
// (role names from the server, dates), today's date in Prague, byte counts, and showing API
// failures on the field they name ("office_hours[1].from" → that row's "to" input).
import { hasKey, lang, onLangChange, type MessageKey } from '../i18n';
import { AdminApiError } from './api';
import type { Localized } from './api_directory';
import { focus, h } from './dom';
import { showFailure, type Field, type MessageBox } from './forms';

export type AnyField = Field<HTMLInputElement> | Field<HTMLSelectElement> | Field<HTMLTextAreaElement>;

const LOCALES = { cs: 'cs-CZ', en: 'en-GB' } as const;

function formatDay(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang()], { dateStyle: 'medium', timeZone: 'Europe/Prague' }).format(date);
}

/** A <time> for a calendar day ("YYYY-MM-DD"), re-formatted when the language changes. */
export function dayText(iso: string): HTMLElement {
  const el = h('time', { datetime: iso, 'data-day': iso });
  el.textContent = formatDay(iso);
  return el;
}

/** A text the server gives in both languages (a role's name), switched with the page. */
export function localizedText(tag: 'span' | 'h2' | 'h3', names: Localized, props: Record<string, unknown> = {}): HTMLElement {
  const el = h(tag, { ...props, 'data-l10n-cs': names.cs, 'data-l10n-en': names.en || names.cs });
  el.textContent = lang() === 'en' ? names.en || names.cs : names.cs;
  return el;
}

onLangChange((next) => {
  for (const el of document.querySelectorAll<HTMLElement>('[data-l10n-cs]')) {
    el.textContent = (next === 'en' ? el.dataset.l10nEn : el.dataset.l10nCs) ?? '';
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-day]')) el.textContent = formatDay(el.dataset.day ?? '');
});

/** Today in Europe/Prague as "YYYY-MM-DD" (the server's calendar for holders). */
export function todayInPrague(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const encoder = new TextEncoder();

/** The server's limits count bytes of UTF-8 (a Czech letter with a diacritic counts two). */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** A blank optional text is sent as null (the server clears it). */
export function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

const FIELD_STATUSES = new Set([400, 404, 409, 413, 415, 422]);

/**
 * Shows an API failure: on the field it names when the form has it ("office_hours[2].to" is
 * looked up as given, its message as "admin.team.error.office_hours.to"), else in `box`.
 */
export function showTeamFailure(err: unknown, box: MessageBox, fields: Record<string, AnyField>): void {
  const field = err instanceof AdminApiError && err.field ? fields[err.field] : undefined;
  if (!field || !(err instanceof AdminApiError) || !FIELD_STATUSES.has(err.status)) {
    showFailure(err, box);
    return;
  }
  const base = (err.field ?? '').replace(/\[\d+\]/g, '');
  const key = [`admin.team.error.${base}.${err.code}`, `admin.team.error.${base}`].find((k) => hasKey(k)) as MessageKey | undefined;
  field.setError(key ?? ['admin.error.unexpected', { message: err.message }]);
  box.error('admin.error.fix');
  focus(field.control);
}

/** Clears the errors of every field given. */
export function clearErrors(fields: Record<string, AnyField>): void {
  for (const field of Object.values(fields)) field.setError();
}
