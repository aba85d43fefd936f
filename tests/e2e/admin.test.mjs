// Browser test of the back office (web/admin/) against the real `okrsek serve`: an
// administrator made with `okrsek user add` signs in, sets up TOTP (the code computed here),
// signs out and in again with a code, reads the audit log, switches the language, and finds
// the session expired after the (shortened) idle timeout.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  axeViolations,
  formatViolations,
  launchBrowser,
  loadLocale,
  newPage,
  screenshot,
  startServer,
  totpCode,
  totpStep,
  TOTP_STEP_S,
} from './harness.mjs';

const cs = loadLocale('cs');
const en = loadLocale('en');

const ADMIN = { email: 'admin@example.org', name: 'Alena Testová', password: 'Modrá-lípa-u-potoka-73' };
const IDLE_TIMEOUT_S = 6;
const SESSION_COOKIE = '__Host-okrsek_session';

let server;
let browser;
let context;
let page;
let secret = null;
let lastTotpStep = null;
/** State-changing API requests the page sent: { path, csrf }. */
const posts = [];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function view(name) {
  await page.waitForSelector(`#admin-view[data-view="${name}"]`, { timeout: 15_000 });
}

async function text(selector) {
  return (await page.textContent(selector))?.trim() ?? '';
}

async function signIn() {
  await page.fill('#login-email', ADMIN.email);
  await page.fill('#login-password', ADMIN.password);
  await page.click('#login-submit');
}

/**
 * The server refuses a code of a step already used, so wait for a step after the last one,
 * with a few seconds of it left (so the code does not turn over on the way).
 */
async function waitForFreshTotpStep() {
  for (;;) {
    const now = Date.now();
    const step = totpStep(now);
    const leftMs = (step + 1) * TOTP_STEP_S * 1000 - now;
    if (step > lastTotpStep && leftMs > 4000) return;
    await sleep(leftMs + 200);
  }
}

async function assertNoAxeViolations(label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label}: accessibility violations:\n${formatViolations(violations)}`);
}

before(async () => {
  server = await startServer({
    serveArgs: ['--session-idle-timeout-s', String(IDLE_TIMEOUT_S)],
    prepare: (okrsek) =>
      okrsek(
        ['user', 'add', ADMIN.email, '--name', ADMIN.name, '--role', 'administrator', '--scope', 'global', '--password-stdin'],
        ADMIN.password + '\n',
      ),
  });
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser, server.baseUrl));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() !== 'GET' && url.pathname.startsWith('/api/v1/')) {
      posts.push({ path: url.pathname, csrf: request.headers()['x-csrf-token'] ?? '' });
    }
  });
});

after(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  if (server) {
    const { code, signal } = await server.stop();
    assert.equal(signal, null, `okrsek serve was killed by ${signal}:\n${server.log()}`);
    assert.equal(code, 0, `okrsek serve exited with ${code} after SIGTERM:\n${server.log()}`);
  }
});

describe('okrsek back office', () => {
  test('the server answers the back-office page under /admin', async () => {
    for (const path of ['/admin/', '/admin', '/admin/users/3']) {
      const response = await page.request.get(server.baseUrl + path);
      assert.equal(response.status(), 200, path);
      assert.match(await response.text(), /id="admin-view"/, `${path} is the back-office page`);
    }
  });

  test('shows the Czech sign-in form', async () => {
    await page.goto(server.baseUrl + '/admin/');
    await view('login');
    assert.equal(await page.getAttribute('html', 'lang'), 'cs');
    assert.equal(await text('h1'), cs['admin.login.heading']);
    assert.equal(await page.title(), cs['admin.meta.title']);
    assert.equal(await page.getAttribute('#login-email', 'autocomplete'), 'username');
    assert.equal(await page.getAttribute('#login-password', 'autocomplete'), 'current-password');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-email', 'the e-mail field has the focus');
    await screenshot(page, 'admin-login-cs');
    await assertNoAxeViolations('sign-in');
  });

  test('a wrong password is refused with a message', async () => {
    await page.fill('#login-email', ADMIN.email);
    await page.fill('#login-password', 'not-the-password-at-all');
    await page.click('#login-submit');
    await page.waitForSelector('.inline-message-error[role="alert"]');
    assert.equal(await text('.inline-message-error'), cs['admin.login.wrong']);
    await view('login');
  });

  test('the first sign-in of an administrator requires TOTP setup', async () => {
    await signIn();
    await view('totp-setup');
    await page.waitForSelector('#totp-secret');
    assert.equal(await text('h1'), cs['admin.totp.heading']);
    const shown = await text('#totp-secret');
    assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, 'the secret is shown in groups of four');
    secret = shown.replace(/\s+/g, '');
    assert.match(await text('#totp-uri'), /^otpauth:\/\/totp\/.+secret=/);
    assert.ok(await page.isVisible('canvas.qr'), 'a QR code is drawn');
    await screenshot(page, 'admin-totp-setup-cs', { fullPage: true });
    await assertNoAxeViolations('TOTP setup');

    lastTotpStep = totpStep();
    await page.fill('#totp-confirm-code', totpCode(secret, lastTotpStep));
    await page.click('#totp-confirm-submit');
    await view('recovery-codes');
    const codes = await page.$$eval('#recovery-codes li', (items) => items.map((li) => li.textContent.trim()));
    assert.equal(codes.length, 10, 'ten recovery codes');
    for (const code of codes) assert.match(code, /^[a-z0-9]{5}-[a-z0-9]{5}$/);
    await screenshot(page, 'admin-recovery-codes-cs');

    await page.click('#codes-continue');
    assert.equal(await text('.inline-message-error'), cs['admin.codes.confirm_first'], 'continuing needs the confirmation');
    await page.check('#codes-saved');
    await page.click('#codes-continue');
    await view('users');
    await page.waitForSelector('#users-table');
    const rows = await page.$$eval('#users-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.some((row) => row.includes(ADMIN.email) && row.includes(ADMIN.name)), `the admin is listed: ${rows}`);
    assert.equal(await text('#admin-user-name'), ADMIN.name);
    await screenshot(page, 'admin-users-cs');
    await assertNoAxeViolations('user list');
  });

  test('the session cookie is HttpOnly and Secure, and state changes carry the CSRF header', async () => {
    const cookies = await context.cookies(server.baseUrl);
    const session = cookies.find((c) => c.name === SESSION_COOKIE);
    assert.ok(session, `the ${SESSION_COOKIE} cookie is set: ${cookies.map((c) => c.name)}`);
    assert.equal(session.httpOnly, true);
    assert.equal(session.secure, true);
    assert.equal(session.path, '/');
    const visible = await page.evaluate(() => document.cookie);
    assert.ok(!visible.includes(SESSION_COOKIE), `document.cookie does not show the session: ${visible}`);
    for (const path of ['/api/v1/auth/login', '/api/v1/me/totp/setup', '/api/v1/me/totp/confirm']) {
      const sent = posts.filter((p) => p.path === path);
      assert.ok(sent.length > 0, `${path} was called`);
      for (const p of sent) assert.ok(p.csrf.length >= 16, `${path} carried X-CSRF-Token`);
    }
  });

  test('signing out returns to the sign-in form', async () => {
    await page.click('#admin-logout');
    await view('login');
    assert.equal(await text('#admin-notice'), cs['admin.notice.signed_out']);
    assert.ok(!(await page.isVisible('#admin-bar')), 'the navigation is gone');
    const me = await page.request.get(server.baseUrl + '/api/v1/me');
    assert.equal(me.status(), 401, 'the session has ended on the server');
  });

  test('the next sign-in asks for a TOTP code', async () => {
    // Wait before the password: a half-signed-in session idles out after 6 s too.
    await waitForFreshTotpStep();
    await signIn();
    await view('second-factor');
    assert.equal(await page.getAttribute('#totp-code', 'inputmode'), 'numeric');
    assert.equal(await page.getAttribute('#totp-code', 'autocomplete'), 'one-time-code');
    await screenshot(page, 'admin-second-factor-cs');

    lastTotpStep = totpStep();
    await page.fill('#totp-code', totpCode(secret, lastTotpStep));
    await page.click('#second-submit');
    await view('users');
    await page.waitForSelector('#users-table');
    assert.ok((await text('#users-table')).includes(ADMIN.email));
    assert.ok(posts.some((p) => p.path === '/api/v1/auth/totp' && p.csrf.length >= 16), 'the code was sent with the CSRF header');

    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'admin-users-phone-cs', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('the audit log lists the sign-ins', async () => {
    await page.click('[data-nav="audit"]');
    await view('audit');
    await page.waitForSelector('#audit-table');
    // The server records a sign-in as auth.login (one step), or auth.login.password then
    // auth.login.totp (two steps), and a refused one as auth.login.failed.
    await page.fill('#audit-action', 'auth.login.');
    await page.click('#audit-submit');
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('#audit-table .audit-action')];
      return cells.length > 0 && cells.every((c) => c.textContent.startsWith('auth.login.'));
    });
    const actions = await page.$$eval('#audit-table .audit-action', (cells) => cells.map((c) => c.textContent.trim()));
    const count = (action) => actions.filter((a) => a === action).length;
    assert.equal(count('auth.login.password'), 2, `two password steps: ${actions}`);
    assert.equal(count('auth.login.totp'), 1, `one TOTP step (the first sign-in set TOTP up instead): ${actions}`);
    assert.equal(count('auth.login.failed'), 1, `the wrong password: ${actions}`);
    await screenshot(page, 'admin-audit-cs');
  });

  test('switches to English and back', async () => {
    await page.click('#lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await text('h1'), en['admin.audit.heading']);
    assert.equal(await text('[data-nav="audit"]'), en['admin.nav.audit']);
    assert.equal(await page.title(), en['admin.meta.title']);
    assert.equal(await page.inputValue('#audit-action'), 'auth.login.', 'typed filters survive the switch');
    await page.click('[data-nav="account"]');
    await view('account');
    await page.waitForSelector('#sessions-table');
    assert.equal(await text('h1'), en['admin.account.heading']);
    assert.ok((await text('#account-grants')).includes(en['admin.role.administrator']));
    await screenshot(page, 'admin-account-en', { fullPage: true });
    await assertNoAxeViolations('my account (English)');
    await page.click('#lang-switch');
    assert.equal(await text('h1'), cs['admin.account.heading']);
  });

  test('after the idle timeout an action returns to sign-in with a notice', async () => {
    await sleep((IDLE_TIMEOUT_S + 1.5) * 1000);
    await page.click('[data-nav="users"]');
    await view('login');
    assert.equal(await text('#admin-notice'), cs['admin.notice.expired']);
    await screenshot(page, 'admin-expired-cs');
    assert.deepEqual(page.okrsekErrors, [], 'no uncaught errors in the page');
    assert.deepEqual(page.okrsekBlocked, [], 'no requests to other hosts');
  });
});
