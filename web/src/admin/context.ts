// What every view may ask of the back-office app (implemented by app.ts).
import type { MessageKey } from '../i18n';
import type { AdminApi } from './api';
import type { Params } from './dom';
import type { Me, SignInAnswer } from './types';

/** A screen: its root element, and what gets the focus when it is shown. */
export interface View {
  name: string;
  root: HTMLElement;
  focus?: HTMLElement;
  /** Called when another view replaces this one (timers, listeners). */
  dispose?: () => void;
}

export interface Ctx {
  readonly api: AdminApi;
  /** The signed-in user (null before sign-in). */
  me(): Me | null;
  /** Whether /me's permissions include `action` (allowed somewhere). */
  can(action: string): boolean;
  /** Continues after login / second factor / TOTP confirmation / password change. */
  afterSignIn(answer: SignInAnswer): Promise<void>;
  /** Replaces the cached /me (after a change to the own account). */
  setMe(me: Me): void;
  showLogin(notice?: MessageKey): void;
  showTotpSetup(forced: boolean): void;
  /** Shows new recovery codes once; `done` runs after "I have saved them". */
  showRecoveryCodes(codes: string[], done: () => void): void;
  /** Goes to a signed-in screen, e.g. "#/users/3". */
  navigate(hash: string): void;
  /** A page-wide notice (role=status) until the next screen change. */
  notice(key: MessageKey, params?: Params): void;
  logout(everywhere: boolean): Promise<void>;
}
