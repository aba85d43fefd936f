// Browser test of the staff inbox of citizen reports (web/src/admin/view_reports.ts,
// view_report.ts, report_*.ts) against the real `okrsek serve` on the demo town. Reports are
// created through the public API (POST /api/v1/reports). The police leadership writes answer
// templates. A district officer sees only the reports of their district, keeps the filters in
// the address, answers one with a template, changes its state through the allowed states
// only, is told about a version conflict, acknowledges three in bulk, downloads the CSV,
// approves a pending report, and reveals a contact only with a reason. A councillor reads but
// has no action buttons, and the API refuses a forged action. axe-core in Czech and English;
// phone width.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { axeViolations, formatViolations, launchBrowser, loadLocale, newPage, PHONE, screenshot, startServer, totpCode } from './harness.mjs';

const cs = loadLocale('cs');

const PRAHA = 554782;
const OFFICER = { email: 'okrskar@example.org', name: 'Ota Okrskový', password: 'Tichá-ulice-pod-lipami-58' };
const COUNCILLOR = { email: 'zastupitel@example.org', name: 'Zdena Zastupitelská', password: 'Modrá-lavička-v-parku-73' };
// Templates are written with reports.configure and read with reports.handle: the state police
// leadership has both (the prevention manager configures but does not handle reports).
const MANAGER = { email: 'vedeni@example.org', name: 'Marek Vedoucí', password: 'Zelený-kopec-nad-řekou-41' };
// Two points of the demo town in different districts: náměstí Míru (Praha 2), Dejvická (Praha 6).
const HOME_POINT = { lon: 14.4376, lat: 50.0755 };
const OTHER_POINT = { lon: 14.3934, lat: 50.1004 };
const CONTACT = { name: 'Jana Oznamovatelka', email: 'jana.oznamovatelka@example.org', phone: '+420 777 123 456' };
const TEMPLATE = { title: 'Poděkování a prověření', body: 'Děkujeme za upozornění. Místo prověří hlídka v nejbližších dnech.' };

let server;
let browser;
let okrsekCli;
let home;
let other;
let category; // a category of the demo town that takes reports
const ids = {}; // name → report id

/** The district at a point of the demo town. */
async function districtAt(point) {
  const response = await fetch(`${server.baseUrl}/api/v1/lookup?lon=${point.lon}&lat=${point.lat}`);
  assert.equal(response.status, 200, 'lookup answers');
  const { areas } = await response.json();
  const district = areas.find((a) => a.layer === 'districts');
  assert.ok(district, `a demo district at ${point.lon},${point.lat}`);
  return { id: district.id, name: district.name };
}

/** Values for a category's required extra fields. */
function extraFor(cat) {
  const extra = {};
  for (const field of cat.extra_fields ?? []) {
    if (!field.required) continue;
    if (field.type === 'select') extra[field.key] = field.options[0].value;
    else if (field.type === 'time_of_day') extra[field.key] = 'evening';
    else extra[field.key] = 'večer';
  }
  return extra;
}

/** A visitor's pre-session: its cookie and CSRF token (public writes need both). */
let visitor = null;
async function visitorHeaders() {
  if (!visitor) {
    const response = await fetch(`${server.baseUrl}/api/v1/auth/csrf`);
    assert.equal(response.status, 200, 'a pre-session for the visitor');
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    visitor = { cookie, token: (await response.json()).csrf_token };
  }
  return { 'Content-Type': 'application/json', Cookie: visitor.cookie, 'X-CSRF-Token': visitor.token };
}

/** A citizen's report through the public API; returns its id. */
async function submitReport(point, description, contact = null) {
  const body = { lon: point.lon, lat: point.lat, category: category.code, description, extra: extraFor(category), website: '', lang: 'cs' };
  if (contact) body.contact = contact;
  const response = await fetch(`${server.baseUrl}/api/v1/reports`, { method: 'POST', headers: await visitorHeaders(), body: JSON.stringify(body) });
  const answer = await response.json();
  assert.equal(response.status, 201, `the report is accepted: ${JSON.stringify(answer)}`);
  return answer.id;
}

async function signedIn(user, options = {}) {
  const { context, page } = await newPage(browser, server.baseUrl, options);
  await page.goto(server.baseUrl + '/admin/');
  await page.waitForSelector('#admin-view[data-view="login"]');
  await page.fill('#login-email', user.email);
  await page.fill('#login-password', user.password);
  await page.click('#login-submit');
  // Police leadership is a sensitive role: the first sign-in sets TOTP up.
  await page.waitForSelector('#admin-bar:not([hidden]), #admin-view[data-view="totp-setup"]', { timeout: 15_000 });
  if (await page.$('#admin-view[data-view="totp-setup"]')) {
    await page.waitForSelector('#totp-secret');
    const secret = (await page.textContent('#totp-secret')).replace(/\s+/g, '');
    await page.fill('#totp-confirm-code', totpCode(secret));
    await page.click('#totp-confirm-submit');
    await page.waitForSelector('#admin-view[data-view="recovery-codes"]');
    await page.check('#codes-saved');
    await page.click('#codes-continue');
  }
  await page.waitForSelector('#admin-bar:not([hidden])', { timeout: 15_000 });
  return { context, page };
}

async function go(page, hash, viewName) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.waitForSelector(`#admin-view[data-view="${viewName}"]`, { timeout: 15_000 });
}

async function inboxRows(page) {
  await page.waitForSelector('#reports-list:not([aria-busy])', { timeout: 15_000 });
  return page.$$eval('#reports-table tbody tr', (rows) => rows.map((r) => Number(r.dataset.report)));
}

async function openReport(page, id) {
  await go(page, `#/reports/${id}`, 'report');
  await page.waitForSelector('.report-body:not([aria-busy]) .report-grid', { timeout: 15_000 });
}

/** Waits for the page-wide notice with this key. */
async function notice(page, key) {
  await page.waitForFunction((k) => document.getElementById('admin-notice')?.dataset.notice === k, key, { timeout: 15_000 });
  await page.evaluate(() => delete document.getElementById('admin-notice').dataset.notice);
}

/** An API call from the page's session (with its CSRF token for anything but GET). */
async function pageCall(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const headers = { Accept: 'application/json' };
      if (m !== 'GET') {
        const csrf = await (await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' })).json();
        headers['Content-Type'] = 'application/json';
        headers['X-CSRF-Token'] = csrf.csrf_token;
      }
      const response = await fetch(p, { method: m, credentials: 'same-origin', headers, body: m === 'GET' ? undefined : JSON.stringify(b) });
      const text = await response.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: response.status, body: json, text };
    },
    [method, path, body],
  );
}

async function staffReport(page, id) {
  const answer = await pageCall(page, 'GET', `/api/v1/admin/reports/${id}`);
  assert.equal(answer.status, 200, `staff report ${id}: ${answer.text}`);
  return answer.body;
}

async function assertAxe(page, label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label}: accessibility violations:\n${formatViolations(violations)}`);
}

const near = (dx, dy) => ({ lon: HOME_POINT.lon + dx, lat: HOME_POINT.lat + dy });

before(async () => {
  server = await startServer({ prepare: async (okrsek) => (okrsekCli = okrsek) });
  home = await districtAt(HOME_POINT);
  other = await districtAt(OTHER_POINT);
  assert.notEqual(home.id, other.id, 'the two points lie in different districts');
  const users = [
    [OFFICER, 'district_state_officer', `district:${home.id}`],
    [COUNCILLOR, 'district_councillor', `district:${home.id}`],
    [MANAGER, 'state_police_leadership', `municipality:${PRAHA}`],
  ];
  for (const [user, role, scope] of users) {
    await okrsekCli(['user', 'add', user.email, '--name', user.name, '--role', role, '--scope', scope, '--password-stdin'], user.password + '\n');
  }
  const response = await fetch(`${server.baseUrl}/api/v1/towns/${PRAHA}/report-categories?lang=cs`);
  assert.equal(response.status, 200, 'the town has report categories');
  const { categories } = await response.json();
  category = categories.find((c) => c.accepts_reports && !(c.extra_fields ?? []).some((f) => f.required)) ?? categories.find((c) => c.accepts_reports);
  assert.ok(category, 'a category that takes reports');

  // Eight reports (the limit is ten an hour per address): six at home, one elsewhere.
  ids.answer = await submitReport(near(0.0004, 0.0002), 'Na rohu náměstí večer chybí osvětlení a lidé se tu necítí bezpečně.', CONTACT);
  ids.bulk1 = await submitReport(near(-0.0005, 0.0003), 'Rozbitá lampa u vchodu do parku, večer je tu úplná tma.');
  ids.bulk2 = await submitReport(near(0.0006, -0.0004), 'Auta parkují na přechodu u školy, děti nejsou vidět.');
  ids.bulk3 = await submitReport(near(-0.0003, -0.0006), 'Na lavičkách se v noci schází hlučná skupina a ruší spánek.');
  ids.pending = await submitReport(near(0.0002, 0.0007), 'V keři u zastávky leží použité stříkačky, prosím o odklizení.');
  ids.conflict = await submitReport(near(-0.0007, 0.0001), 'Poškozené zábradlí u schodů, hrozí pád do vozovky.');
  ids.elsewhere = await submitReport(OTHER_POINT, 'Hlášení z jiného okrsku, které okrskář Vinohrad nevidí.');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server) {
    const { code, signal } = await server.stop();
    assert.equal(signal, null, `okrsek serve was killed by ${signal}:\n${server.log()}`);
    assert.equal(code, 0, `okrsek serve exited with ${code} after SIGTERM:\n${server.log()}`);
  }
});

describe('answer templates: police leadership', () => {
  let context;
  let page;
  before(async () => ({ context, page } = await signedIn(MANAGER)));
  after(async () => {
    assert.deepEqual(page?.okrsekErrors ?? [], [], 'no uncaught errors in the page');
    await context?.close().catch(() => {});
  });

  test('creates, edits and deletes templates', async () => {
    assert.ok(await page.isVisible('[data-nav="reports"]'), 'the navigation offers the reports');
    await go(page, '#/reports/templates', 'report_templates');
    await page.waitForSelector('#templates-list:not([aria-busy])');
    await page.fill('#template-title', 'Pracovní verze');
    await page.fill('#template-body', 'Koncept');
    await page.click('#template-save');
    await notice(page, 'admin.reports.templates.created');
    await page.waitForSelector('.template-item:has-text("Pracovní verze")');
    await page.click('.template-item:has-text("Pracovní verze") .template-edit');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'template-title', 'the form has the focus');
    await page.fill('#template-title', TEMPLATE.title);
    await page.fill('#template-body', TEMPLATE.body);
    await page.click('#template-save');
    await notice(page, 'admin.reports.templates.saved');
    await page.fill('#template-title', 'Na smazání');
    await page.fill('#template-body', 'Tato šablona zmizí.');
    await page.click('#template-save');
    await notice(page, 'admin.reports.templates.created');
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('.template-item:has-text("Na smazání") .template-delete');
    await notice(page, 'admin.reports.templates.deleted');
    await page.waitForSelector('.template-item:has-text("Na smazání")', { state: 'detached' });
    const titles = await page.$$eval('.template-title', (els) => els.map((e) => e.textContent.trim()));
    assert.deepEqual(titles, [TEMPLATE.title], 'one edited template is left');
    const stored = await pageCall(page, 'GET', `/api/v1/admin/towns/${PRAHA}/report-templates`);
    assert.equal(stored.status, 200);
    assert.deepEqual(
      stored.body.templates.map((t) => [t.title, t.body]),
      [[TEMPLATE.title, TEMPLATE.body]],
      'the API holds the edited template only',
    );
    await screenshot(page, 'admin-reports-templates', { fullPage: true });
    await assertAxe(page, 'templates');
  });
});

describe('staff inbox: district officer', () => {
  let context;
  let page;
  before(async () => ({ context, page } = await signedIn(OFFICER)));
  after(async () => {
    assert.deepEqual(page?.okrsekErrors ?? [], [], 'no uncaught errors in the page');
    await context?.close().catch(() => {});
  });

  test("sees only the district's reports, on the list and the map", async () => {
    await page.click('[data-nav="reports"]');
    await page.waitForSelector('#admin-view[data-view="reports"]');
    const rows = await inboxRows(page);
    for (const name of ['answer', 'bulk1', 'bulk2', 'bulk3', 'pending', 'conflict']) assert.ok(rows.includes(ids[name]), `the inbox lists ${name} (${ids[name]})`);
    assert.ok(!rows.includes(ids.elsewhere), 'not the report of another district');
    assert.deepEqual([...rows].sort((a, b) => b - a), rows, 'newest first');
    await page.waitForSelector('#reports-map[data-ready="true"]');
    assert.equal(await page.$$eval('#reports-map .report-map-dot', (d) => d.length), rows.length, 'a dot per report');
    const refused = await pageCall(page, 'GET', `/api/v1/admin/reports/${ids.elsewhere}`);
    assert.ok([403, 404].includes(refused.status), `another district's report is refused: ${refused.status}`);
    await screenshot(page, 'admin-reports-inbox', { fullPage: true });
    await assertAxe(page, 'inbox');
  });

  test('keeps the filters in the address', async () => {
    await page.check('#reports-state-new');
    await page.waitForFunction(() => window.location.hash.includes('state=new'));
    await inboxRows(page);
    await page.check('#reports-overdue');
    await page.waitForFunction(() => window.location.hash.includes('overdue=1'));
    assert.equal((await inboxRows(page)).length, 0, 'nothing is overdue yet');
    assert.equal((await page.textContent('#reports-count')).trim(), cs['admin.reports.count.none']);
    await page.reload();
    await page.waitForSelector('#admin-view[data-view="reports"]');
    await inboxRows(page);
    assert.ok(await page.isChecked('#reports-state-new'), 'the state filter survives a reload');
    assert.ok(await page.isChecked('#reports-overdue'), 'overdue only survives a reload');
    const csv = await page.getAttribute('#reports-csv', 'href');
    assert.match(csv, /state=new/);
    assert.match(csv, /overdue=1/);
    await page.click('#reports-reset');
    await page.waitForFunction(() => window.location.hash === '#/reports');
    assert.equal((await inboxRows(page)).length, 6, 'all six reports again');
  });

  test('answers a report with a template', async () => {
    await openReport(page, ids.answer);
    assert.match(await page.textContent('#report-original'), /chybí osvětlení/);
    await page.waitForSelector('#report-answer-template');
    await page.selectOption('#report-answer-template', { label: TEMPLATE.title });
    assert.equal(await page.inputValue('#report-answer-text'), TEMPLATE.body, 'the template fills the answer');
    await page.click('#report-answer-submit');
    await notice(page, 'admin.reports.done.answer');
    const report = await staffReport(page, ids.answer);
    const answer = report.report.updates.find((u) => u.kind === 'answer');
    assert.ok(answer, 'the answer is in the history');
    assert.equal(answer.body, TEMPLATE.body);
    assert.equal(answer.is_public, true);
    await page.waitForSelector(`.report-update[data-kind="answer"]:has-text("${TEMPLATE.body.slice(0, 20)}")`);
  });

  test('adds an internal note, set apart from public text', async () => {
    await page.fill('#report-note-text', 'Prověřit s technickou správou komunikací.');
    await page.click('#report-note-submit');
    await notice(page, 'admin.reports.done.note');
    const note = page.locator('.report-update[data-kind="note"]');
    assert.equal(await note.getAttribute('data-public'), 'false');
    assert.ok((await note.getAttribute('class')).includes('report-update-internal'));
    assert.equal((await note.locator('.badge-internal').textContent()).trim(), cs['admin.reports.internal']);
  });

  test('changes the state through the allowed states only', async () => {
    let report = await staffReport(page, ids.answer);
    let offered = await page.$$eval('input[name="report-next-state"]', (els) => els.map((e) => e.value));
    assert.deepEqual([...offered].sort(), [...report.next_states].sort(), 'the form offers exactly next_states');
    assert.ok(!offered.includes(report.report.state), 'not the current state');
    assert.ok(offered.includes('in_progress'), `work can start: ${offered}`);

    // "No action possible" needs a reason: the form says so before anything is sent.
    if (offered.includes('closed_no_action')) {
      await page.check('#report-next-closed_no_action');
      await page.click('#report-state-submit');
      assert.equal(await page.getAttribute('#report-state-text', 'aria-invalid'), 'true', 'the reason is required');
    }
    await page.check('#report-next-in_progress');
    await page.click('#report-state-submit');
    await notice(page, 'admin.reports.done.start');
    assert.equal(await page.getAttribute('#report-badges .report-state', 'data-state'), 'in_progress');
    report = await staffReport(page, ids.answer);
    assert.equal(report.report.state, 'in_progress');
    offered = await page.$$eval('input[name="report-next-state"]', (els) => els.map((e) => e.value));
    assert.deepEqual([...offered].sort(), [...report.next_states].sort(), 'the new state offers its own next states');
    assert.ok(!offered.includes('in_progress') && !offered.includes('new'));

    // Resolve it with a public message.
    await page.check('#report-next-resolved');
    await page.fill('#report-state-text', 'Osvětlení bylo opraveno.');
    await page.click('#report-state-submit');
    await notice(page, 'admin.reports.done.resolve');
    report = await staffReport(page, ids.answer);
    assert.equal(report.report.state, 'resolved');
    assert.ok(!report.next_states.includes('resolved'));
    await screenshot(page, 'admin-reports-report', { fullPage: true });
    await assertAxe(page, 'report');
  });

  test('reveals the contact only with a reason', async () => {
    await page.waitForSelector('#report-contact-audited');
    assert.equal((await page.textContent('#report-contact-audited')).trim(), cs['admin.reports.contact.audited']);
    await page.click('#report-contact-submit');
    assert.equal(await page.getAttribute('#report-contact-reason', 'aria-invalid'), 'true', 'the reason is required');
    assert.equal(await page.$('#report-contact-shown dl'), null, 'nothing is shown without a reason');
    await page.fill('#report-contact-reason', 'Potřebuji upřesnit, kde přesně lampa chybí.');
    await page.click('#report-contact-submit');
    await page.waitForSelector('#report-contact-shown dl');
    const shown = await page.textContent('#report-contact-shown');
    assert.ok(shown.includes(CONTACT.email) && shown.includes(CONTACT.name), 'the contact is shown once');
  });

  test('explains a version conflict', async () => {
    await openReport(page, ids.conflict);
    const before = await staffReport(page, ids.conflict);
    // Someone else acknowledges it meanwhile (an API call with the version read).
    const other = await pageCall(page, 'POST', `/api/v1/admin/reports/${ids.conflict}/actions`, { version: before.report.version, action: 'acknowledge' });
    assert.equal(other.status, 200, other.text);
    const stale = await pageCall(page, 'POST', `/api/v1/admin/reports/${ids.conflict}/actions`, { version: before.report.version, action: 'start' });
    assert.equal(stale.status, 409, 'the API refuses a stale version');
    await page.fill('#report-note-text', 'Poznámka ke starší verzi.');
    await page.click('#report-note-submit');
    await page.waitForSelector('#report-conflict');
    assert.equal((await page.textContent('#report-conflict p')).trim(), cs['admin.reports.conflict']);
    await page.click('#report-reload');
    await page.waitForFunction(() => !document.getElementById('report-conflict'));
    assert.equal(await page.getAttribute('#report-badges .report-state', 'data-state'), 'acknowledged', 'the reload shows the change');
  });

  test('acknowledges three reports in bulk', async () => {
    await go(page, '#/reports', 'reports');
    await inboxRows(page);
    for (const name of ['bulk1', 'bulk2', 'bulk3']) await page.check(`#reports-select-${ids[name]}`);
    assert.match(await page.textContent('#reports-bulk-count'), /3/);
    await page.selectOption('#reports-bulk-action', 'acknowledge');
    await page.click('#reports-bulk-apply');
    await page.waitForSelector('#reports-bulk-results:not([hidden])');
    const results = await page.$$eval('#reports-bulk-results li', (els) => els.map((e) => [Number(e.dataset.report), e.dataset.ok]));
    assert.deepEqual(
      results.sort((a, b) => a[0] - b[0]),
      [ids.bulk1, ids.bulk2, ids.bulk3].sort((a, b) => a - b).map((id) => [id, 'true']),
      'one result per report, all done',
    );
    await page.waitForSelector('#reports-list:not([aria-busy])');
    for (const name of ['bulk1', 'bulk2', 'bulk3']) {
      assert.equal((await staffReport(page, ids[name])).report.state, 'acknowledged', `${name} is acknowledged`);
      assert.equal(await page.getAttribute(`#reports-table tr[data-report="${ids[name]}"]`, 'data-state'), 'acknowledged');
    }
  });

  test('escalates with a reason and takes a report over', async () => {
    await openReport(page, ids.bulk3);
    await page.waitForSelector('#report-escalate');
    await page.click('#report-escalate-submit');
    assert.equal(await page.getAttribute('#report-escalate-reason', 'aria-invalid'), 'true', 'the reason is required');
    await page.fill('#report-escalate-reason', 'Hluk se opakuje každou noc, sami to nevyřešíme.');
    await page.click('#report-escalate-submit');
    await notice(page, 'admin.reports.done.escalate');
    assert.equal(await page.getAttribute('#report-badges .report-level', 'data-level'), '1');
    await page.waitForSelector('.report-update[data-kind="escalated"]:has-text("Hluk se opakuje")');
    await page.click('#report-assign-me');
    await notice(page, 'admin.reports.done.reassign');
    assert.match(await page.textContent('#report-owner'), new RegExp(OFFICER.name));
    const report = await staffReport(page, ids.bulk3);
    assert.equal(report.report.level, 1);
    assert.ok(report.report.owner_user_id > 0, 'owned by an account now');

    // The inbox's "mine only" and level filters find it.
    await go(page, '#/reports?mine=1&level=1', 'reports');
    assert.deepEqual(await inboxRows(page), [ids.bulk3], 'mine only, level 1: the escalated report');
    assert.ok(await page.isChecked('#reports-mine'));
    await page.click('#reports-reset');
    await page.waitForFunction(() => window.location.hash === '#/reports');
    await inboxRows(page);
  });

  test('downloads the CSV of the inbox', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#reports-csv')]);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    assert.ok(lines.length >= 7, `a header and six rows: ${lines.length} lines`);
    for (const name of ['answer', 'bulk1', 'bulk2', 'bulk3', 'pending', 'conflict']) {
      assert.ok(lines.some((line) => line.split(',')[0] === String(ids[name]) || line.startsWith(`"${ids[name]}"`)), `the CSV has ${name}`);
    }
    assert.ok(!lines.some((line) => line.split(',')[0] === String(ids.elsewhere)), 'not the other district');
    assert.ok(!csv.includes(CONTACT.email) && !csv.includes(CONTACT.phone), 'no contact data in the CSV');
  });

  test('approves a pending report from the moderation queue', async () => {
    await page.check('#reports-pending');
    await page.waitForFunction(() => window.location.hash.includes('pending=1'));
    const pending = await inboxRows(page);
    assert.ok(pending.includes(ids.pending), 'the queue holds the unconfirmed report');
    assert.equal((await fetch(`${server.baseUrl}/api/v1/reports/${ids.pending}`)).status, 404, 'not public yet');
    await page.click(`#report-link-${ids.pending}`);
    await page.waitForSelector('#report-approve');
    assert.equal(await page.getAttribute('#report-visibility', 'data-visibility'), 'pending');
    // The moderator edits the public text; the original stays.
    const original = (await page.textContent('#report-original')).trim();
    const edited = 'U zastávky leží použité stříkačky, prosíme o odklizení.';
    await page.fill('#report-public-text', edited);
    await page.click('#report-public-save');
    await notice(page, 'admin.reports.done.edit_public_text');
    assert.equal((await page.textContent('#report-public')).trim(), edited);
    assert.equal((await page.textContent('#report-original')).trim(), original, 'the original is kept');
    await page.click('#report-approve');
    await notice(page, 'admin.reports.done.approve');
    assert.equal(await page.getAttribute('#report-visibility', 'data-visibility'), 'public');
    const publicView = await fetch(`${server.baseUrl}/api/v1/reports/${ids.pending}`);
    assert.equal(publicView.status, 200, 'the approved report is public');
    assert.equal((await publicView.json()).description, edited, 'the public sees the edited text');
    // Back to the inbox keeps the queue filter.
    await page.click('#report-back');
    await page.waitForSelector('#admin-view[data-view="reports"]');
    assert.ok(await page.isChecked('#reports-pending'));
    assert.ok(!(await inboxRows(page)).includes(ids.pending), 'no longer in the queue');
  });

  test('works in English and at phone width', async () => {
    await page.click('#lang-switch');
    await openReport(page, ids.bulk1);
    await assertAxe(page, 'report in English');
    await screenshot(page, 'admin-reports-report-en', { fullPage: true });
    const phone = await signedIn(OFFICER, PHONE);
    try {
      await go(phone.page, '#/reports', 'reports');
      await inboxRows(phone.page);
      await assertAxe(phone.page, 'inbox on a phone');
      await screenshot(phone.page, 'admin-reports-inbox-phone', { fullPage: true });
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `no sideways scrolling on a phone: ${width}px`);
      await openReport(phone.page, ids.answer);
      await assertAxe(phone.page, 'report on a phone');
      await screenshot(phone.page, 'admin-reports-report-phone', { fullPage: true });
      assert.ok((await phone.page.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'the report fits a phone');
      assert.deepEqual(phone.page.okrsekErrors, []);
    } finally {
      await phone.context.close();
    }
  });
});

describe('staff inbox: councillor', () => {
  let context;
  let page;
  before(async () => ({ context, page } = await signedIn(COUNCILLOR)));
  after(async () => {
    assert.deepEqual(page?.okrsekErrors ?? [], [], 'no uncaught errors in the page');
    await context?.close().catch(() => {});
  });

  test('reads the reports but has no action buttons; the API refuses a forged action', async () => {
    await go(page, '#/reports', 'reports');
    const rows = await inboxRows(page);
    assert.ok(rows.includes(ids.bulk2), 'the councillor reads the district reports');
    assert.equal(await page.$('#reports-bulk'), null, 'no bulk actions');
    assert.equal(await page.$('input[data-select]'), null, 'no selection');
    await openReport(page, ids.bulk2);
    assert.ok(await page.isVisible('#report-readonly'));
    for (const form of ['#report-state', '#report-answer', '#report-note', '#report-approve', '#report-hide', '#report-move', '#report-reassign', '#report-contact']) {
      assert.equal(await page.$(form), null, `no ${form}`);
    }
    const report = await staffReport(page, ids.bulk2);
    assert.equal(report.can_handle, false);
    const forged = await pageCall(page, 'POST', `/api/v1/admin/reports/${ids.bulk2}/actions`, { version: report.report.version, action: 'start' });
    assert.equal(forged.status, 403, `a forged action is refused: ${forged.text}`);
    assert.equal((await staffReport(page, ids.bulk2)).report.state, 'acknowledged', 'nothing changed');
    await assertAxe(page, 'report read-only');
  });
});
