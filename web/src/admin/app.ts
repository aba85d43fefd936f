// The back office's state: signed out → (second factor | TOTP setup) → signed in, and which
// screen is shown. A 401 on any signed-in call returns to the login with a notice.
import type { MessageKey } from '../i18n';
import { AdminApi, SessionExpired } from './api';
import type { Ctx, View } from './context';
import { clearText, focus, setText, type Params } from './dom';
import { renderNav } from './nav';
import { parseLink, parseRoute, routeHash, routePermission, type OneTimeLink, type Route } from './routes';
import type { Me, SignInAnswer } from './types';
import { accountView } from './view_account';
import { analysisView } from './view_analysis';
import { areaProfileView } from './view_area_profile';
import { auditView } from './view_audit';
import { districtView } from './view_district';
import { districtsView } from './view_districts';
import { forbiddenView, failureView } from './view_failure';
import { linkView } from './view_link';
import { loginView } from './view_login';
import { recoveryCodesView } from './view_recovery_codes';
import { reportTemplatesView } from './report_templates';
import { reportView } from './view_report';
import { reportsView } from './view_reports';
import { rolesView } from './view_roles';
import { secondFactorView } from './view_second_factor';
import { tokensView } from './view_tokens';
import { totpSetupView } from './view_totp_setup';
import { userView } from './view_user';
import { usersView } from './view_users';

export interface Shell {
  view: HTMLElement;
  notice: HTMLElement;
  bar: HTMLElement;
  navList: HTMLUListElement;
  userName: HTMLElement;
  logout: HTMLButtonElement;
}

export class App implements Ctx {
  readonly api = new AdminApi();
  private current: Me | null = null;
  private shown: View | null = null;
  /** Offered again in the sign-in form after the session expired. */
  private lastEmail = '';
  /** The next screen is the one shown right after sign-in (a lone district opens at once). */
  private landing = false;

  constructor(private readonly shell: Shell) {
    this.api.onSessionExpired = () => this.expire();
    window.addEventListener('hashchange', () => this.onHashChange());
    shell.logout.addEventListener('click', () => void this.logout(false));
  }

  async start(): Promise<void> {
    const link = parseLink(window.location.hash);
    if (link) return this.showLink(link);
    const shownBefore = this.shown;
    let me: Me | null;
    try {
      me = await this.api.me();
    } catch (err) {
      this.show(failureView(err, () => void this.start()));
      return;
    }
    // A one-time link opened meanwhile (hashchange) wins.
    if (this.shown !== shownBefore) return;
    if (!me || !me.user) return this.showLogin();
    await this.afterSignIn({ status: me.second_factor ?? 'signed_in', me });
  }

  // ---- Ctx ---------------------------------------------------------------------------------

  me(): Me | null {
    return this.current;
  }

  can(action: string): boolean {
    return this.current?.permissions?.includes(action) ?? false;
  }

  async afterSignIn(answer: SignInAnswer): Promise<void> {
    if (answer.status === 'second_factor_required') {
      this.show(secondFactorView(this));
      return;
    }
    if (answer.status === 'second_factor_setup_required') {
      this.showTotpSetup(true);
      return;
    }
    let me = answer.me && answer.me.permissions ? answer.me : null;
    if (!me) {
      try {
        me = await this.api.refreshMe();
      } catch (err) {
        if (!(err instanceof SessionExpired)) this.show(failureView(err, () => void this.start()));
        return;
      }
    }
    this.setMe(me);
    const route = parseRoute(window.location.hash);
    this.landing = route === null || route.name === 'districts';
    this.openRoute(route ?? this.homeRoute());
    this.landing = false;
  }

  setMe(me: Me): void {
    this.current = me;
    this.lastEmail = me.user.email;
    this.shell.bar.hidden = false;
    this.shell.userName.textContent = me.user.name || me.user.email;
    this.shell.userName.title = me.user.email;
    renderNav(this.shell.navList, this, parseRoute(window.location.hash));
  }

  showLogin(notice?: MessageKey): void {
    this.signedOut();
    this.show(loginView(this, notice === 'admin.notice.expired' ? this.lastEmail : ''));
    if (notice) this.notice(notice);
  }

  showTotpSetup(forced: boolean): void {
    this.show(totpSetupView(this, forced));
  }

  showRecoveryCodes(codes: string[], done: () => void): void {
    this.show(recoveryCodesView(codes, done));
  }

  navigate(hash: string): void {
    if (window.location.hash === hash) this.onHashChange();
    else window.location.hash = hash;
  }

  notice(key: MessageKey, params?: Params): void {
    setText(this.shell.notice, key, params);
    this.shell.notice.dataset.notice = key;
  }

  async logout(everywhere: boolean): Promise<void> {
    try {
      await this.api.logout(everywhere);
    } catch (err) {
      // The session may already be gone; the cookie is cleared either way on our side.
      console.warn('logout', err);
    }
    this.showLogin('admin.notice.signed_out');
  }

  // ---- internals ---------------------------------------------------------------------------

  private expire(): void {
    if (!this.current && this.shown?.name === 'login') return;
    this.showLogin('admin.notice.expired');
  }

  private signedOut(): void {
    this.current = null;
    this.api.resetCsrf();
    this.shell.bar.hidden = true;
    this.shell.navList.replaceChildren();
    this.shell.userName.textContent = '';
  }

  private clearNotice(): void {
    clearText(this.shell.notice);
    delete this.shell.notice.dataset.notice;
  }

  private homeRoute(): Route {
    if (this.can('users.read')) return { name: 'users' };
    return this.can('district_card.edit') ? { name: 'districts' } : { name: 'account' };
  }

  private onHashChange(): void {
    const link = parseLink(window.location.hash);
    if (link) {
      this.showLink(link);
      return;
    }
    const route = parseRoute(window.location.hash);
    if (route && this.current) this.openRoute(route);
  }

  private openRoute(route: Route): void {
    const hash = routeHash(route);
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
    renderNav(this.shell.navList, this, route);
    const needed = routePermission(route);
    if (needed && !this.can(needed)) {
      this.show(forbiddenView());
      return;
    }
    this.show(this.viewFor(route));
  }

  private viewFor(route: Route): View {
    switch (route.name) {
      case 'account':
        return accountView(this);
      case 'users':
        return usersView(this);
      case 'user':
        return userView(this, route.id);
      case 'roles':
        return rolesView(this);
      case 'tokens':
        return tokensView(this);
      case 'audit':
        return auditView(this);
      case 'districts':
        return districtsView(this, { openLone: this.landing });
      case 'district':
        return districtView(this, route.id, route.tab);
      case 'reports':
        return reportsView(this, route.query);
      case 'report':
        return reportView(this, route.id);
      case 'report_templates':
        return reportTemplatesView(this);
      case 'analysis':
        return analysisView(this);
      case 'area_profile':
        return areaProfileView(this, route.id);
    }
  }

  private showLink(link: OneTimeLink): void {
    // The token must not stay in the address bar, the history or a screenshot.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    this.signedOut();
    this.show(linkView(this, link));
  }

  /** Replaces the screen; a notice belongs to the screen it was given on. */
  private show(view: View): void {
    this.clearNotice();
    this.shown?.dispose?.();
    this.shown = view;
    this.shell.view.dataset.view = view.name;
    this.shell.view.replaceChildren(view.root);
    focus(view.focus ?? view.root.querySelector<HTMLElement>('h1'));
  }
}
