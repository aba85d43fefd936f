// Europe/Prague wall-clock times for the meeting forms. The API answers "2026-12-09T17:30:00+01:00"
// (Prague time with that day's offset) and takes a time without an offset as Prague time, refusing
// one in the spring gap and one in the autumn's repeated hour. A <input type="datetime-local">
// gives "2026-12-09T17:30": we send it as it is, except in the repeated hour, where the person
// picks which of the two (summer or winter time) they mean and we send that offset.
import { lang } from '../i18n';

const LOCALES = { cs: 'cs-CZ', en: 'en-GB' } as const;

const pragueParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Prague',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-09T17:30": the Prague wall-clock minute of an instant. */
export function pragueLocal(instant: Date): string {
  const parts = Object.fromEntries(pragueParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The Prague wall-clock minute of an API time ("…T17:30:00+01:00" → "…T17:30"). */
export function toLocalInput(apiTime: string): string {
  if (!offsetOf(apiTime)) return apiTime.slice(0, 16);
  const instant = new Date(apiTime);
  return Number.isNaN(instant.getTime()) ? apiTime.slice(0, 16) : pragueLocal(instant);
}

export type LocalKind = 'invalid' | 'unique' | 'gap' | 'repeated';

/** What a "YYYY-MM-DDTHH:MM" Prague wall-clock time denotes (the offsets that give it). */
export function classifyLocal(local: string): { kind: LocalKind; offsets: string[] } {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return { kind: 'invalid', offsets: [] };
  const offsets = ['+02:00', '+01:00'].filter((offset) => {
    const instant = new Date(`${local}:00${offset}`);
    return !Number.isNaN(instant.getTime()) && pragueLocal(instant) === local;
  });
  if (offsets.length === 0) return { kind: 'gap', offsets };
  return { kind: offsets.length === 2 ? 'repeated' : 'unique', offsets };
}

/** The offset of an API time ("+01:00"), or null. */
export function offsetOf(apiTime: string): string | null {
  const m = /([+-]\d{2}:\d{2}|Z)$/.exec(apiTime);
  return m ? m[1] : null;
}

/** Today's date in Prague, "YYYY-MM-DD". */
export function pragueToday(): string {
  return pragueLocal(new Date()).slice(0, 10);
}

/** "9. 12. 2026 17:30–19:00" in the current language, in Prague time. */
export function formatRange(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startsAt} – ${endsAt}`;
  const full = new Intl.DateTimeFormat(LOCALES[lang()], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Prague' });
  const clock = new Intl.DateTimeFormat(LOCALES[lang()], { timeStyle: 'short', timeZone: 'Europe/Prague' });
  const sameDay = pragueLocal(start).slice(0, 10) === pragueLocal(end).slice(0, 10);
  return `${full.format(start)} – ${sameDay ? clock.format(end) : full.format(end)}`;
}

/** A date "YYYY-MM-DD" in the current language. */
export function formatDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return new Intl.DateTimeFormat(LOCALES[lang()], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))),
  );
}
