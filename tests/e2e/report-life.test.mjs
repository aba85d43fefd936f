// The whole life of a citizen report in a browser, against the real `okrsek serve` and a real
// SMTP sink: a citizen reports with
// an e-mail → the confirmation e-mail arrives → its link makes the report public → the owner
// (the district's state police officer, whose team seat is linked to their staff account)
// answers publicly and resolves it through the staff API → the citizen's tracking page shows
// the answer under the owner's name → the citizen reopens it with a reason → `okrsek reports
// sweep --now` past the deadline escalates it to level 1 → the tracking page shows level 1
// and the reporter got the escalation e-mail. CTest runs it on SQLite and, as
// e2e_browser_report_life_pg, on a fresh PostgreSQL database (OKRSEK_E2E_ENGINE).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, formatViolations, launchBrowser, loadLocale, newPage, screenshot, startServer, startSmtpSink, testPng } from './harness.mjs';

const cs = loadLocale('cs');
const PRAHA = 554782; // the demo town (RÚIAN code)
const HOME_POINT = { lon: 14.4376, lat: 50.0755 }; // náměstí Míru (Praha 2)
const MANAGER = { email: 'prevence@example.org', name: 'Marta Prevenční', password: 'Zelený-kopec-nad-řekou-41' };
const OFFICER = { email: 'okrskar@example.org', password: 'Tichá-ulice-pod-lipami-58' };
const REPORTER = { name: 'Jana Sousedová', email: 'jana@example.org' };
const DAY_MS = 24 * 3600 * 1000;

let server;
let sink;
let browser;
let okrsekCli;
let home;
const contexts = [];

const fill = (text, params = {}) => Object.entries(params).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), text);

async function getJson(path) {
  const response = await fetch(server.baseUrl + path);
  assert.equal(response.status, 200, `${path} answers 200`);
  return response.json();
}

/** A signed-in staff member: `call(method, path, body)` runs fetch in their page (cookies, CSRF). */
async function staff(user) {
  const { context, page } = await newPage(browser, server.baseUrl);
  contexts.push(context);
  await page.goto(server.baseUrl + '/report.html#id=1');
  const call = (method, path, body) =>
    page.evaluate(
      async ([m, p, b]) => {
        const headers = { Accept: 'application/json' };
        if (m !== 'GET') {
          headers['Content-Type'] = 'application/json';
          headers['X-CSRF-Token'] = (await (await fetch('/api/v1/auth/csrf')).json()).csrf_token;
        }
        const response = await fetch(p, { method: m, headers, body: m === 'GET' ? undefined : JSON.stringify(b ?? {}) });
        return { status: response.status, body: await response.json().catch(() => null) };
      },
      [method, path, body],
    );
  const login = await call('POST', '/api/v1/auth/login', { email: user.email, password: user.password });
  assert.equal(login.status, 200, `${user.email} signs in: ${JSON.stringify(login.body)}`);
  return call;
}

async function waitView(page, view) {
  await page.waitForFunction(() => window.__okrsekReport?.ready.then(() => true), null, { timeout: 20_000 });
  await page.waitForFunction(
    (want) => {
      const v = document.getElementById('report-view');
      return v && ['ready', 'error'].includes(v.dataset.state) && v.dataset.view === want;
    },
    view,
    { timeout: 20_000 },
  );
}

async function assertAxe(page, label) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${label}:\n${formatViolations(violations)}`);
}

before(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    serveArgs: sink.serveArgs,
    prepare: async (okrsek) => {
      okrsekCli = okrsek;
      await okrsek(
        ['user', 'add', MANAGER.email, '--name', MANAGER.name, '--role', 'prevention_manager', '--scope', `municipality:${PRAHA}`, '--password-stdin'],
        MANAGER.password + '\n',
      );
    },
  });
  browser = await launchBrowser();
  const lookup = await getJson(`/api/v1/lookup?lon=${HOME_POINT.lon}&lat=${HOME_POINT.lat}`);
  const district = lookup.areas.find((a) => a.layer === 'districts');
  assert.ok(district, 'a demo district at the point');
  home = { id: district.id, name: district.name };
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  const exit = await server?.stop();
  await sink?.stop();
  if (exit) assert.equal(exit.code, 0, 'okrsek serve exits cleanly');
});

test('submit → confirm by e-mail → owner answers and resolves → reopen → escalation after the deadline', async () => {
  // The state police officer of the district gets a staff account (named as on the card), and
  // the prevention manager links the team seat's holder to it: their reports reach that account.
  const manager = await staff(MANAGER);
  const history = await manager('GET', `/api/v1/admin/districts/${home.id}/team`);
  assert.equal(history.status, 200);
  const seat = history.body.team.find((s) => s.role.code === 'state_police_officer');
  const holder = seat?.holders.find((h) => h.current);
  assert.ok(holder, 'the district has a state police officer');
  const added = await okrsekCli(
    ['user', 'add', OFFICER.email, '--name', holder.name, '--role', 'district_state_officer', '--scope', `district:${home.id}`, '--password-stdin'],
    OFFICER.password + '\n',
  );
  const officerId = Number(/created user (\d+)/.exec(added)[1]);
  const linked = await manager('PUT', `/api/v1/admin/holders/${holder.id}`, {
    name: holder.name,
    bio: holder.bio,
    office_hours: holder.office_hours,
    office_hours_note: holder.office_hours_note,
    email: holder.contact.email,
    phone: holder.contact.phone,
    user_id: officerId,
  });
  assert.equal(linked.status, 200, JSON.stringify(linked.body));
  assert.equal(linked.body.holder.user_id, officerId);

  // 1. The citizen reports an unsafe place with an e-mail.
  const { context, page } = await newPage(browser, server.baseUrl);
  contexts.push(context);
  await page.goto(`${server.baseUrl}/report.html#district=${home.id}&lon=${HOME_POINT.lon}&lat=${HOME_POINT.lat}`);
  await waitView(page, 'form');
  await page.waitForFunction((want) => document.getElementById('report-place-summary')?.textContent === want, fill(cs['report.place.inDistrict'], { district: home.name }));
  await page.check('#report-category-unsafe_place');
  await page.selectOption('#report-extra-time_of_day', 'night');
  await page.fill('#report-description', 'Nesvítí lampy v parku, večer se tu schází skupina lidí a je to tu nepříjemné.');
  await page.fill('#report-name', REPORTER.name);
  await page.fill('#report-email', REPORTER.email);
  assert.equal(await page.isChecked('#report-show-name'), false, '"show my name" is off by default');
  await page.setInputFiles('#report-photos', { name: 'park.png', mimeType: 'image/png', buffer: testPng(80, 60) });
  await page.waitForSelector('#report-photo-previews img');
  await page.click('#report-submit');
  await waitView(page, 'submitted');
  assert.equal(await page.getAttribute('#report-done-mail', 'data-sent'), 'true');
  assert.equal(await page.textContent('#report-done-mail'), cs['report.done.mailSent']);
  assert.equal(await page.textContent('#report-done-owner'), fill(cs['report.done.owner'], { name: holder.name }));
  assert.equal(await page.textContent('#report-done-targets'), fill(cs['report.done.targets'], { first: 3, resolution: 30 }));
  const trackingLink = await page.inputValue('#report-tracking-link');
  const id = Number(/\d+/.exec(await page.textContent('#report-heading'))[0]);

  // 2. The confirmation e-mail; the named owner has been told too.
  const confirmation = await sink.waitFor((m) => m.to.includes(REPORTER.email) && /#confirm=/.test(m.text));
  assert.ok(confirmation.text.includes(holder.name), 'the e-mail names the owner');
  await sink.waitFor((m) => m.to.includes(OFFICER.email) && m.text.includes(String(id)));
  const confirmToken = /#confirm=([A-Za-z0-9_-]+)/.exec(confirmation.text)[1];
  await page.goto(`${server.baseUrl}/report.html#confirm=${confirmToken}`);
  await waitView(page, 'track');
  assert.equal(await page.textContent('#report-notice'), cs['report.confirm.done']);
  assert.equal((await fetch(`${server.baseUrl}/api/v1/reports/${id}`)).status, 200, 'the report is public');
  // Public now: its photo (re-encoded by the server) is served and shown.
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll('.report-photos img')];
    return images.length === 1 && images.every((img) => img.complete && img.naturalWidth > 0);
  });

  // 3. The owner answers publicly, then resolves.
  const officer = await staff(OFFICER);
  let report = await officer('GET', `/api/v1/admin/reports/${id}`);
  assert.equal(report.status, 200, JSON.stringify(report.body));
  assert.equal(report.body.report.owner_user_id, officerId, 'the linked account owns the report');
  const answer = 'Děkujeme, lampy jsme nahlásili správci osvětlení a park budeme večer procházet.';
  let acted = await officer('POST', `/api/v1/admin/reports/${id}/actions`, { version: report.body.report.version, action: 'answer', text: answer });
  assert.equal(acted.status, 200, JSON.stringify(acted.body));
  acted = await officer('POST', `/api/v1/admin/reports/${id}/actions`, { version: acted.body.report.version, action: 'resolve', text: 'Lampy opraveny, hlídky posíleny.' });
  assert.equal(acted.status, 200, JSON.stringify(acted.body));

  // 4. The citizen's tracking page: the answer under the owner's name, "resolved" is not "fixed".
  await page.goto(trackingLink);
  await waitView(page, 'track');
  const answered = await page.$$eval('.report-update', (items) =>
    items.map((li) => ({ author: li.querySelector('.report-update-author')?.textContent, body: li.querySelector('.report-update-body')?.textContent?.trim() })),
  );
  assert.ok(answered.some((u) => u.author === holder.name && u.body === answer), `the answer with the owner's name: ${JSON.stringify(answered)}`);
  assert.equal(await page.textContent('#report-state'), cs['report.state.resolved']);
  assert.notEqual(cs['report.state.resolved'], cs['report.state.fixed']);
  assert.ok(await page.isVisible('#report-fixed'), 'the reporter may confirm it is fixed');
  await assertAxe(page, 'tracking, resolved');
  await screenshot(page, 'report-life-resolved', { fullPage: true });

  // 5. The citizen reopens with a reason.
  await page.fill('#report-reopen', 'Lampy svítí jen do deseti večer, potom je tu zase tma.');
  await page.click('#report-reopen-form button[type="submit"]');
  await page.waitForSelector('#report-notice');
  assert.equal(await page.textContent('#report-notice'), cs['report.track.reopenDone']);
  assert.equal(await page.textContent('#report-state'), cs['report.state.reopened']);
  assert.equal(await page.getAttribute('#report-level', 'data-level'), '0');
  const more = 'Dnes večer tu zase nikdo nebyl, fotka je od vchodu z Korunní.';
  await page.fill('#report-more', more);
  await page.click('#report-more-form button[type="submit"]');
  await page.waitForFunction((want) => document.getElementById('report-notice')?.textContent === want, cs['report.track.moreDone']);
  const citizen = await page.$$eval('.report-update[data-kind="citizen"] .report-update-body', (n) => n.map((b) => b.textContent.trim()));
  assert.ok(citizen.includes(more), `the addition is in the history: ${citizen}`);

  // 6. Past the deadline the sweep escalates it to the police leadership; the reporter is told.
  const later = new Date(Date.now() + 90 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const swept = await okrsekCli(['reports', 'sweep', '--now', later]);
  assert.match(swept, /escalated [1-9]/);
  // The sweep's clock ran 90 days ahead, so the messages it queued are due then: send them now,
  // as an operator would with `okrsek outbox retry`.
  const queued = await okrsekCli(['outbox', 'list', '--state', 'queued']);
  const ids = queued.split('\n').map((line) => /^\s*(\d+)\s/.exec(line)?.[1]).filter(Boolean);
  assert.ok(ids.length >= 1, `the escalation's messages are queued:\n${queued}`);
  // The server's worker may send one of them (a message queued before the sweep, due now)
  // between the list and the retry: a message already sent needs no retry.
  for (const messageId of ids) {
    await okrsekCli(['outbox', 'retry', messageId]).catch((error) => {
      if (!String(error.message).includes(`message ${messageId} is sent`)) throw error;
    });
  }
  await page.reload();
  await waitView(page, 'track');
  assert.equal(await page.getAttribute('#report-level', 'data-level'), '1');
  const escalated = await page.$$eval('.report-update', (items) => items.map((li) => li.dataset.kind));
  assert.ok(escalated.includes('escalated'), `an "escalated" update: ${escalated}`);
  const told = await sink.waitFor((m) => m.to.includes(REPORTER.email) && /úroveň 1|level 1/.test(m.text));
  assert.notEqual(told.file, confirmation.file);
  await assertAxe(page, 'tracking, escalated');
  await screenshot(page, 'report-life-escalated', { fullPage: true });
  assert.deepEqual(page.okrsekErrors, []);
});
