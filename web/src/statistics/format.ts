// Numbers, months and hidden figures as the statistics pages show them.
import { lang, t, type MessageKey } from '../i18n';
import type { CellStatus, TableRow } from './api';

const locale = () => (lang() === 'cs' ? 'cs-CZ' : 'en-GB');

export function fmtCount(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

export function fmtRate(value: number): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** "+12 %" / "−5 %" with the language's signs and spacing. */
export function fmtChange(percent: number): string {
  return new Intl.NumberFormat(locale(), { signDisplay: 'exceptZero', maximumFractionDigits: 0, style: 'percent' }).format(percent / 100);
}

/** "2025-03" → "březen 2025" / "March 2025". */
export function fmtMonth(key: string, short = false): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return key;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15));
  return new Intl.DateTimeFormat(locale(), { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function fmtPeriod(period: { from: string; to: string }): string {
  return period.from === period.to ? fmtMonth(period.from) : `${fmtMonth(period.from)} – ${fmtMonth(period.to)}`;
}

const HIDDEN_KEYS: Record<string, MessageKey> = {
  suppressed: 'stats.hidden.suppressed',
  complementary: 'stats.hidden.complementary',
  withheld: 'stats.hidden.withheld',
};

/** Why a figure is hidden, in words ("fewer than 3 cases"). */
export function hiddenReason(status: CellStatus | null | undefined, minCount = 3): string {
  const key = HIDDEN_KEYS[status ?? ''] ?? 'stats.hidden.suppressed';
  return t(key, { min: minCount });
}

/** A cell of a table: its text, and when hidden, the reason. */
export interface Cell {
  text: string;
  hidden?: string;
  numeric?: boolean;
  sortValue?: number;
}

export function countCell(row: Pick<TableRow, 'count' | 'status'> | null | undefined, minCount = 3): Cell {
  if (!row) return { text: '–', numeric: true };
  if (row.count === null) return { text: t('stats.hidden.short'), hidden: hiddenReason(row.status, minCount), numeric: true };
  return { text: fmtCount(row.count), numeric: true, sortValue: row.count };
}

export function rateCell(rate: number | null | undefined, hidden: boolean): Cell {
  if (hidden) return { text: t('stats.hidden.short'), hidden: t('stats.hidden.rate'), numeric: true };
  if (rate === null || rate === undefined) return { text: '–', numeric: true };
  return { text: fmtRate(rate), numeric: true, sortValue: rate };
}

export const textCell = (text: string): Cell => ({ text });
