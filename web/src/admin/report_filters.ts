// The inbox's filters in the address ("#/reports?state=new,acknowledged&overdue=1&page=2"), so
// a reload, a bookmark or "back" from a report keeps them. Unknown or malformed values are
// dropped, never sent to the server.
import { PAGE_SIZE, REPORT_STATES, type InboxFilter, type ReportState } from './api_reports';

const ID = /^\d{1,15}$/;
const CODE = /^[a-z0-9_]{1,64}$/;

export function emptyFilter(): InboxFilter {
  return { states: [], overdue: false, mine: false, pending: false, offset: 0 };
}

export function parseFilter(query: string): InboxFilter {
  const params = new URLSearchParams(query);
  const filter = emptyFilter();
  const states = (params.get('state') ?? '').split(',');
  filter.states = REPORT_STATES.filter((s) => states.includes(s));
  const district = params.get('district') ?? '';
  if (ID.test(district)) filter.district = Number(district);
  const town = params.get('town') ?? '';
  if (ID.test(town)) filter.town = Number(town);
  const category = params.get('category') ?? '';
  if (CODE.test(category)) filter.category = category;
  const level = params.get('level') ?? '';
  if (/^[0-4]$/.test(level)) filter.level = Number(level);
  filter.overdue = params.get('overdue') === '1';
  filter.mine = params.get('mine') === '1';
  filter.pending = params.get('pending') === '1';
  const page = Number(params.get('page') ?? '1');
  if (Number.isInteger(page) && page > 1 && page <= 100_000) filter.offset = (page - 1) * PAGE_SIZE;
  return filter;
}

export function filterQuery(filter: InboxFilter): string {
  const params = new URLSearchParams();
  if (filter.states.length) params.set('state', filter.states.join(','));
  if (filter.category) params.set('category', filter.category);
  if (filter.level !== undefined) params.set('level', String(filter.level));
  if (filter.district) params.set('district', String(filter.district));
  if (filter.town) params.set('town', String(filter.town));
  if (filter.overdue) params.set('overdue', '1');
  if (filter.mine) params.set('mine', '1');
  if (filter.pending) params.set('pending', '1');
  if (filter.offset > 0) params.set('page', String(Math.floor(filter.offset / PAGE_SIZE) + 1));
  // Keep the commas readable in the address bar.
  return params.toString().replace(/%2C/g, ',');
}

export function isState(value: string): value is ReportState {
  return (REPORT_STATES as readonly string[]).includes(value);
}
