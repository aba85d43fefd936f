// Where the back office is: "#/users/3" style fragments for signed-in screens, and the
// one-time links "#invite=TOKEN" / "#reset=TOKEN" that e-mails and administrators hand out.

export type Route =
  | { name: 'account' }
  | { name: 'users' }
  | { name: 'user'; id: number }
  | { name: 'roles' }
  | { name: 'tokens' }
  | { name: 'audit' }
  | { name: 'districts' }
  | { name: 'district'; id: number; tab: DistrictTab }
  | { name: 'reports'; query: string }
  | { name: 'report'; id: number }
  | { name: 'report_templates' }
  | { name: 'analysis' }
  | { name: 'area_profile'; id: number | null };

/** The district editor's tabs, in their order; the first one is the default. */
export const DISTRICT_TABS = ['team', 'places', 'priorities', 'meetings'] as const;
export type DistrictTab = (typeof DISTRICT_TABS)[number];

export interface OneTimeLink {
  purpose: 'invite' | 'password_reset';
  token: string;
}

/** The route a "#/…" fragment names, or null for anything else (e.g. "#admin-main"). */
export function parseRoute(hash: string): Route | null {
  const analysis = /^#\/analysis(?:\/profiles(?:\/(\d{1,15}))?)?\/?$/.exec(hash);
  if (analysis) {
    if (hash.startsWith('#/analysis/profiles')) return { name: 'area_profile', id: analysis[1] ? Number(analysis[1]) : null };
    return { name: 'analysis' };
  }
  const reports = /^#\/reports(?:\/(templates|\d{1,15}))?\/?(?:\?([^#]{0,2000}))?$/.exec(hash);
  if (reports) {
    if (reports[1] === 'templates') return { name: 'report_templates' };
    if (reports[1]) return { name: 'report', id: Number(reports[1]) };
    return { name: 'reports', query: reports[2] ?? '' };
  }
  const district = /^#\/districts(?:\/(\d{1,15})(?:\/(team|places|priorities|meetings))?)?\/?$/.exec(hash);
  if (district) {
    if (!district[1]) return { name: 'districts' };
    return { name: 'district', id: Number(district[1]), tab: (district[2] as DistrictTab | undefined) ?? 'team' };
  }
  const m = /^#\/(account|users|roles|tokens|audit)(?:\/(\d+))?\/?$/.exec(hash);
  if (!m) return null;
  if (m[1] === 'users' && m[2]) return { name: 'user', id: Number(m[2]) };
  if (m[2]) return null;
  return { name: m[1] as 'account' | 'users' | 'roles' | 'tokens' | 'audit' };
}

export function routeHash(route: Route): string {
  if (route.name === 'reports') return route.query ? `#/reports?${route.query}` : '#/reports';
  if (route.name === 'report') return `#/reports/${route.id}`;
  if (route.name === 'report_templates') return '#/reports/templates';
  if (route.name === 'analysis') return '#/analysis';
  if (route.name === 'area_profile') return route.id === null ? '#/analysis/profiles' : `#/analysis/profiles/${route.id}`;
  if (route.name === 'district') return `#/districts/${route.id}${route.tab === 'team' ? '' : `/${route.tab}`}`;
  return route.name === 'user' ? `#/users/${route.id}` : `#/${route.name}`;
}

/** "#invite=TOKEN" or "#reset=TOKEN", or null. */
export function parseLink(hash: string): OneTimeLink | null {
  const m = /^#(invite|reset)=([A-Za-z0-9_\-.~%]+)$/.exec(hash);
  if (!m) return null;
  return { purpose: m[1] === 'invite' ? 'invite' : 'password_reset', token: decodeURIComponent(m[2]) };
}

/** The permission a route needs (beyond being signed in). */
export function routePermission(route: Route): string | null {
  switch (route.name) {
    case 'users':
    case 'user':
      return 'users.read';
    case 'tokens':
      return 'tokens.manage';
    case 'audit':
      return 'audit.read';
    case 'districts':
    case 'district':
      return 'district_card.edit';
    case 'reports':
    case 'report':
      return 'reports.read';
    case 'report_templates':
      return 'reports.configure';
    case 'analysis':
      return 'analytics.read';
    case 'area_profile':
      return 'area_profiles.edit';
    default:
      return null;
  }
}
