// Shapes of the back-office answers (docs/http-api.md, "Back office").

export type SignInStatus = 'signed_in' | 'second_factor_required' | 'second_factor_setup_required';

export interface GrantInfo {
  id: number;
  role: string;
  scope: string;
  scope_name?: string | null;
}

export interface UserSummary {
  id: number;
  email: string;
  name: string;
  totp_enabled: boolean;
  last_login_at?: string | null;
}

export interface SessionInfo {
  id: number;
  created_at: string;
  idle_timeout_s: number;
  expires_at: string;
}

export interface Me {
  user: UserSummary;
  grants: GrantInfo[];
  permissions: string[];
  session?: SessionInfo;
  second_factor?: SignInStatus;
}

export interface SignInAnswer {
  status: SignInStatus;
  csrf_token?: string;
  me?: Me;
}

export interface TotpSetup {
  secret: string;
  otpauth_uri: string;
}

export interface TotpConfirmed extends SignInAnswer {
  recovery_codes: string[];
}

export interface OwnSession {
  id: number;
  created_at: string;
  last_seen_at?: string | null;
  expires_at?: string | null;
  ip?: string | null;
  user_agent?: string | null;
  current?: boolean;
}

export interface AdminUser extends UserSummary {
  active: boolean;
  has_password: boolean;
  created_at?: string | null;
  grants: GrantInfo[];
}

export interface CreatedUser {
  user: AdminUser;
  invitation_url: string;
  invitation_expires_at: string;
}

export interface OneTimeUrl {
  url: string;
  expires_at: string;
}

export interface RoleInfo {
  role: string;
  sensitive: boolean;
  grantable_at: string[];
  actions: string[];
}

export interface AuditEntry {
  id: number;
  occurred_at: string;
  actor_kind: string;
  actor_id?: number | string | null;
  action: string;
  object_type?: string | null;
  object_id?: number | string | null;
  municipality?: number | null;
  client_address?: string | null;
  reason?: string | null;
  details?: unknown;
  hash?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  next_before_id: number | null;
}

export interface MachineToken {
  id: number;
  name: string;
  scope: string;
  municipality?: number | null;
  created_at?: string | null;
  expires_at?: string | null;
  last_used_at?: string | null;
  revoked_at?: string | null;
}

export interface LinkInfo {
  purpose: 'invite' | 'password_reset';
  email: string;
  name: string;
  expires_at: string;
}
