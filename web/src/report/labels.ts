// Words for a report's state, level and dates, in the page's language.
import { lang, t, type MessageKey } from '../i18n';
import type { PublicReport } from './api';

const STATES = [
  'new',
  'acknowledged',
  'in_progress',
  'resolved',
  'closed_not_competent',
  'closed_duplicate',
  'closed_no_action',
  'reopened',
] as const;
export type ReportState = (typeof STATES)[number];

export function knownStates(): readonly ReportState[] {
  return STATES;
}

/** The state in words. "Resolved" says that action was taken; only the reporter's
 * confirmation makes it "fixed". */
export function stateText(report: Pick<PublicReport, 'state' | 'fixed_confirmed'>): string {
  if (report.state === 'resolved' && report.fixed_confirmed) return t('report.state.fixed');
  return stateName(report.state);
}

export function stateName(state: string): string {
  return (STATES as readonly string[]).includes(state) ? t(`report.state.${state}` as MessageKey) : state;
}

/** The state's detail: where it was passed to, which report it duplicates, why. */
export function stateDetail(report: PublicReport): string {
  if (report.state === 'closed_not_competent' && report.passed_to) return t('report.state.passedTo', { body: report.passed_to });
  if (report.state === 'closed_duplicate' && report.duplicate_of) return t('report.state.duplicateOf', { id: report.duplicate_of });
  return report.state_reason ?? '';
}

export function levelText(report: Pick<PublicReport, 'level' | 'level_name'>): string {
  const name = report.level_name || (report.level === 0 ? t('report.level.team') : '');
  return t('report.level.value', { level: report.level, name });
}

const locale = () => (lang() === 'cs' ? 'cs-CZ' : 'en-GB');

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Prague' }).format(date);
}

export function dayDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'Europe/Prague' }).format(date);
}

export function decimal(value: number, digits = 1): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function percent(share: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** UTF-8 length, as the server counts the limits. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A link to this page with a hash route, keeping the chosen language. */
export function pageHref(hash: string): string {
  const search = lang() === 'cs' ? '' : `?lang=${lang()}`;
  return `/report.html${search}#${hash}`;
}
