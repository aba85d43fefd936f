// Shared parts of the report screens: names of states, update kinds and bulk errors, the badges
// of a report (state, level, overdue, moderation), the towns the user works in, and the
// explanation of a version conflict.
import { hasKey, type MessageKey } from '../i18n';
import { AdminApiError } from './api';
import { editableDistricts } from './api_directory';
import type { ReportState, StaffRow } from './api_reports';
import type { Ctx } from './context';
import { h } from './dom';

export function stateKey(state: string): MessageKey {
  const key = `admin.reports.states.${state}`;
  return hasKey(key) ? key : 'admin.reports.states.unknown';
}

const STATE_TONE: Record<ReportState, string> = {
  new: 'new',
  acknowledged: 'open',
  in_progress: 'open',
  resolved: 'done',
  closed_not_competent: 'closed',
  closed_duplicate: 'closed',
  closed_no_action: 'closed',
  reopened: 'new',
};

export function stateBadge(state: ReportState): HTMLElement {
  return h('span', { class: `report-state report-state-${STATE_TONE[state] ?? 'open'}`, 'data-state': state, t: stateKey(state) });
}

/** The level: "0 · district team" or "2 · coordination meeting" (its name from the API). */
export function levelBadge(row: StaffRow): HTMLElement {
  const el = h('span', { class: `report-level report-level-${Math.min(Math.max(row.level, 0), 4)}`, 'data-level': row.level });
  el.append(h('span', { t: 'admin.reports.level.short', params: { level: row.level } }));
  if (row.level_name) el.append(' · ', row.level_name);
  else if (row.level === 0) el.append(' · ', h('span', { t: 'admin.reports.level.team' }));
  return el;
}

/** Overdue and moderation badges (none for an ordinary public report on time). */
export function flagBadges(row: StaffRow): HTMLElement[] {
  const flags: HTMLElement[] = [];
  if (row.overdue) flags.push(h('span', { class: 'badge badge-danger report-overdue', t: 'admin.reports.overdue' }));
  if (row.visibility === 'pending') flags.push(h('span', { class: 'badge badge-warn report-pending', t: 'admin.reports.visibility.pending' }));
  if (row.visibility === 'hidden') flags.push(h('span', { class: 'badge badge-muted report-hidden', t: 'admin.reports.visibility.hidden' }));
  return flags;
}

export function updateKindKey(kind: string): MessageKey {
  const key = `admin.reports.kind.${kind}`;
  return hasKey(key) ? key : 'admin.reports.kind.other';
}

/** The message of a bulk row's error code. */
export function bulkErrorKey(code: string | null): MessageKey {
  const key = `admin.reports.bulk.error.${code ?? ''}`;
  return hasKey(key) ? key : 'admin.reports.bulk.error.other';
}

/** A 409 on an action: someone changed the report since it was read. */
export function isConflict(err: unknown): boolean {
  return err instanceof AdminApiError && (err.status === 409 || err.code === 'conflict') && (err.field ?? 'version') === 'version';
}

/**
 * The towns (municipality codes) the user works in: from grants on a town, then the towns of
 * the districts they may edit. Empty when none is known (the screens then ask the reports).
 */
export async function myTowns(ctx: Ctx): Promise<number[]> {
  const towns = new Set<number>();
  for (const grant of ctx.me()?.grants ?? []) {
    const m = /^municipality:(\d+)$/.exec(grant.scope);
    if (m) towns.add(Number(m[1]));
  }
  if (towns.size === 0 && ctx.can('district_card.edit')) {
    try {
      const { districts } = await editableDistricts(ctx.api);
      for (const d of districts) towns.add(d.municipality);
    } catch {
      // Not essential: the inbox then offers no category filter until it has rows.
    }
  }
  return [...towns];
}

/** The inbox's address as last shown (with its filters), for "back to the inbox". */
let lastInbox = '#/reports';
export function rememberInbox(hash: string): void {
  lastInbox = hash;
}
export function inboxHash(): string {
  return lastInbox;
}
