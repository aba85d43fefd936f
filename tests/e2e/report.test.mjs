// Browser tests of the citizen-report pages (web/report.html) against the real `okrsek serve`
// with its demo town and a real SMTP sink: the emergency notice, errors at the field the form
// or the API names, a guidance-only category, the honeypot out of everyone's reach, a report
// without contact (pending), the confirmation link, similar reports suggested before sending,
// a district's list with filters, responsiveness hidden below 10 reports, alerts and RSS,
// English, a phone's width, and axe-core on every view.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PHONE,
  axeViolations,
  formatViolations,
  launchBrowser,
  loadLocale,
  newPage,
  screenshot,
  startServer,
  startSmtpSink,
  testPng,
} from './harness.mjs';

const cs = loadLocale('cs');
const en = loadLocale('en');
// náměstí Míru (Praha 2), a demo district with its whole team.
const HOME_POINT = { lon: 14.4376, lat: 50.0755 };

let server;
let sink;
let browser;
let home; // { id, name } of the district at HOME_POINT
let team; // role code -> holder name, from the district card
const contexts = [];

const fill = (text, params = {}) => Object.entries(params).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), text);

async function getJson(path) {
  const response = await fetch(server.baseUrl + path);
  assert.equal(response.status, 200, `${path} answers 200`);
  return response.json();
}

/** A public POST as the page makes it: the pre-session's CSRF token and cookie. */
async function publicPost(path, body) {
  const pre = await fetch(server.baseUrl + '/api/v1/auth/csrf');
  const cookie = pre.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: token } = await pre.json();
  return fetch(server.baseUrl + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token, Cookie: cookie },
    body: JSON.stringify(body),
  });
}

before(async () => {
  sink = await startSmtpSink();
  // `okrsek demo` gives the demo town the default categories and escalation levels.
  server = await startServer({ serveArgs: sink.serveArgs });
  browser = await launchBrowser();
  const lookup = await getJson(`/api/v1/lookup?lon=${HOME_POINT.lon}&lat=${HOME_POINT.lat}`);
  const district = lookup.areas.find((a) => a.layer === 'districts');
  assert.ok(district, 'the point lies in a demo district');
  home = { id: district.id, name: district.name };
  const card = await getJson(`/api/v1/districts/${home.id}`);
  team = Object.fromEntries(card.team.filter((s) => s.holder).map((s) => [s.role.code, s.holder.name]));
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  const exit = await server?.stop();
  await sink?.stop();
  if (exit) assert.equal(exit.code, 0, 'okrsek serve exits cleanly');
});

async function openReport(hash = '', options = {}) {
  const { query = '', ...contextOptions } = options;
  const { context, page } = await newPage(browser, server.baseUrl, contextOptions);
  contexts.push(context);
  await goReport(page, hash, query);
  return page;
}

async function goReport(page, hash, query = '') {
  await page.goto(`${server.baseUrl}/report.html${query}${hash}`);
  await waitView(page);
}

async function waitView(page, view = null) {
  await page.waitForFunction(() => window.__okrsekReport?.ready.then(() => true), null, { timeout: 20_000 });
  await page.waitForFunction(
    (want) => {
      const v = document.getElementById('report-view');
      return v && ['ready', 'error'].includes(v.dataset.state) && (!want || v.dataset.view === want);
    },
    view,
    { timeout: 20_000 },
  );
}

async function assertAxe(page, label) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${label}:\n${formatViolations(violations)}`);
}

/** Types the point into the coordinate fields (the keyboard's way to the map). */
async function pickPlace(page, point) {
  await page.waitForFunction(() => document.getElementById('report-map')?.dataset.ready === 'true', null, { timeout: 20_000 });
  await page.fill('#report-lat', String(point.lat));
  await page.fill('#report-lon', String(point.lon));
  await page.press('#report-lon', 'Tab');
  const expected = fill(cs['report.place.inDistrict'], { district: home.name });
  await page.waitForFunction((want) => document.getElementById('report-place-summary')?.textContent === want, expected, { timeout: 15_000 });
  await page.waitForSelector('#report-category-vandalism');
}

async function fillReport(page, { point = HOME_POINT, category = 'vandalism', description }) {
  await pickPlace(page, point);
  await page.check(`#report-category-${category}`);
  await page.fill('#report-description', description);
}

async function errorText(page, id) {
  await page.waitForSelector(`#${id}-error:not([hidden])`);
  return (await page.textContent(`#${id}-error`)).trim();
}

describe('the report form', () => {
  test('emergency numbers come first; empty and too short reports get errors at their fields', async () => {
    const page = await openReport();
    const first = await page.$eval('#main', (main) => main.firstElementChild?.className ?? '');
    assert.match(first, /emergency/);
    assert.deepEqual(await page.$$eval('.emergency-numbers a', (links) => links.map((a) => a.getAttribute('href'))), ['tel:112', 'tel:158', 'tel:156']);
    assert.equal(await page.textContent('#emergency-heading'), cs['report.emergency.heading']);
    await page.waitForSelector('#report-category-vandalism');

    await page.click('#report-submit');
    assert.equal(await errorText(page, 'report-lat'), cs['report.error.field.place']);
    assert.equal(await errorText(page, 'report-category'), cs['report.error.field.category']);
    assert.equal(await errorText(page, 'report-description'), cs['report.error.field.description']);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-lat', 'the first problem has the focus');
    for (const id of ['report-lat', 'report-description']) {
      assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true');
      assert.match(await page.getAttribute(`#${id}`, 'aria-describedby'), new RegExp(`\\b${id}-error\\b`));
    }
    await assertAxe(page, 'form with errors');

    // 8 bytes pass the page's own check; the API refuses them and names the field.
    await fillReport(page, { description: 'Rozbité' });
    assert.equal(await page.textContent('#report-description-count'), fill(cs['report.description.counter'], { bytes: 8, max: 5000, min: 10 }));
    await page.click('#report-submit');
    assert.equal(await errorText(page, 'report-description'), cs['report.error.field.description']);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-description');
    assert.equal(await page.$eval('#report-lat-error', (n) => n.hidden), true, 'the place is fine now');
    assert.deepEqual(page.okrsekErrors, []);
  });

  test('the honeypot is off-screen, hidden from screen readers and never reached with Tab', async () => {
    const page = await openReport();
    const trap = await page.$eval('#report-website', (input) => {
      const box = input.getBoundingClientRect();
      return {
        tabIndex: input.tabIndex,
        autocomplete: input.getAttribute('autocomplete'),
        hidden: input.closest('[aria-hidden="true"]') !== null,
        display: getComputedStyle(input).display,
        right: box.right,
        name: input.name,
      };
    });
    assert.deepEqual({ ...trap, display: undefined, right: undefined }, { tabIndex: -1, autocomplete: 'off', hidden: true, display: undefined, right: undefined, name: 'website' });
    assert.notEqual(trap.display, 'none', 'not display:none (some bots skip those)');
    assert.ok(trap.right < 0, `off-screen (right edge at ${trap.right}px)`);
    await page.focus('#report-address-input');
    const reached = new Set();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
    }
    assert.ok(reached.has('report-submit'), 'Tab reaches the submit button');
    assert.ok(reached.has('report-description') && reached.has('report-email'), 'Tab reaches the fields');
    assert.ok(!reached.has('report-website'), 'Tab never reaches the honeypot');
  });

  test('a guidance-only category shows where to turn and no form', async () => {
    const page = await openReport();
    await page.waitForSelector('#report-category-abandoned_vehicle');
    await page.check('#report-category-abandoned_vehicle');
    await page.waitForSelector('#report-guidance:not([hidden])');
    assert.match(await page.textContent('#report-guidance'), /odbor dopravy/);
    assert.match(await page.textContent('#report-guidance h3'), new RegExp(cs['report.category.guidanceOnly']));
    assert.equal(await page.isVisible('#report-submit'), false);
    assert.equal(await page.isVisible('#report-description'), false);
    await page.check('#report-category-syringes');
    assert.match(await page.textContent('#report-guidance'), /Stříkaček se nedotýkejte/);
    assert.equal(await page.isVisible('#report-submit'), true);
    await assertAxe(page, 'guidance');
  });

  test('without contact the report waits for approval; the tracking page says so', async () => {
    const page = await openReport();
    await fillReport(page, { description: 'Posprejovaná zastávka a rozbité sklo v přístřešku.' });
    await page.setInputFiles('#report-photos', { name: 'zastavka.png', mimeType: 'image/png', buffer: testPng(64, 48) });
    await page.waitForSelector('#report-photo-previews img');
    await page.click('#report-submit');
    await waitView(page, 'submitted');
    assert.equal(await page.getAttribute('#report-done-mail', 'data-sent'), 'false');
    assert.equal(await page.textContent('#report-done-mail'), cs['report.done.noMail']);
    assert.equal(await page.textContent('#report-done-owner'), fill(cs['report.done.owner'], { name: team.municipal_police_officer }));
    assert.equal(await page.textContent('#report-done-targets'), fill(cs['report.done.targets'], { first: 2, resolution: 20 }));
    const link = await page.inputValue('#report-tracking-link');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/report\.html#t=[A-Za-z0-9_-]{32}$/);
    assert.equal(await page.$$eval('.report-notice-error', (n) => n.length), 0, 'the photo was uploaded');
    await assertAxe(page, 'submitted');
    await screenshot(page, 'report-submitted', { fullPage: true });

    await page.click('#report-open-tracking');
    await waitView(page, 'track');
    assert.equal(await page.getAttribute('#report-visibility', 'data-visibility'), 'pending');
    assert.equal(await page.textContent('#report-state'), cs['report.state.new']);
    assert.equal(await page.textContent('#report-owner'), team.municipal_police_officer);
    // Photos of a report that is not public yet are not served to anyone: the page says so.
    assert.equal(await page.$$eval('.report-photos img', (n) => n.length), 0);
    assert.equal(await page.textContent('#report-photos-pending'), fill(cs['report.photo.pending'], { count: 1 }));
    await assertAxe(page, 'tracking (pending)');
    const id = Number((await page.textContent('#report-heading')).match(/\d+/)[0]);
    const hidden = await fetch(`${server.baseUrl}/api/v1/reports/${id}`);
    assert.equal(hidden.status, 404, 'a pending report is not public');
    assert.deepEqual(page.okrsekErrors, []);
  });
});

describe('public reports', () => {
  let publicId;
  const reporter = 'soused@example.org';

  test('the e-mailed link confirms a report; a similar one is suggested before sending', async () => {
    const response = await publicPost('/api/v1/reports', {
      lon: HOME_POINT.lon + 0.0003,
      lat: HOME_POINT.lat,
      address_text: 'náměstí Míru, u kostela',
      category: 'vandalism',
      description: 'Někdo rozbil lavičky u kostela a posprejoval zeď.',
      extra: {},
      contact: { name: 'Jana Sousedová', email: reporter, phone: '' },
      show_name: false,
      website: '',
      lang: 'cs',
    });
    assert.equal(response.status, 201, await response.clone().text());
    const created = await response.json();
    publicId = created.id;
    assert.equal(created.confirmation_sent, true);
    const mail = await sink.waitFor((m) => m.to.includes(reporter) && /#confirm=/.test(m.text));
    const token = /#confirm=([A-Za-z0-9_-]+)/.exec(mail.text)[1];

    const page = await openReport(`#confirm=${token}`);
    assert.equal(await page.textContent('#report-notice'), cs['report.confirm.done']);
    assert.equal(await page.$$eval('#report-visibility', (n) => n.length), 0, 'public now');
    await assertAxe(page, 'confirmed');
    assert.equal((await fetch(`${server.baseUrl}/api/v1/reports/${publicId}`)).status, 200);

    await goReport(page, '#new');
    await fillReport(page, { description: 'Rozbitá lavička.' });
    await page.waitForSelector('#report-nearby:not([hidden])');
    assert.equal(await page.textContent('#report-nearby h3'), cs['report.nearby.heading']);
    const links = await page.$$eval('#report-nearby a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.some((href) => href.endsWith(`#id=${publicId}`)), `links to report ${publicId}: ${links}`);
    await assertAxe(page, 'nearby suggestion');

    await goReport(page, `#id=${publicId}`);
    assert.equal(await page.textContent('#report-heading'), fill(cs['report.view.title'], { id: publicId, category: 'Vandalismus' }));
    assert.equal(await page.textContent('#report-state'), cs['report.state.new']);
    assert.equal(await page.$$eval('.report-actions', (n) => n.length), 0, 'no reporter actions without the token');
    await assertAxe(page, 'public report');
  });

  test("a district's list: filters, responsiveness hidden below 10 reports, RSS and alerts", async () => {
    const page = await openReport(`#district=${home.id}`);
    assert.equal(await page.textContent('#report-heading'), fill(cs['report.list.heading'], { name: home.name }));
    const ids = await page.$$eval('#report-list [data-id]', (items) => items.map((li) => Number(li.dataset.id)));
    assert.ok(ids.includes(publicId), `the public report is listed (${ids})`);
    assert.equal(await page.getAttribute('#report-responsiveness', 'data-figures'), 'none');
    assert.match(await page.textContent('#report-responsiveness'), new RegExp(fill(cs['report.resp.tooFew'], { min: 10 }).replace(/[()]/g, '\\$&')));
    await page.selectOption('#report-filter-state', 'resolved');
    await page.waitForFunction(() => !document.querySelector('#report-list [data-id]'));
    assert.equal(await page.textContent('.report-list-box'), cs['report.list.empty']);
    await page.selectOption('#report-filter-state', '');
    await page.selectOption('#report-filter-category', 'vandalism');
    await page.waitForSelector(`#report-list [data-id="${publicId}"]`);

    const rss = await page.getAttribute('.report-rss', 'href');
    assert.ok(rss.endsWith(`/api/v1/districts/${home.id}/reports.rss`), rss);
    const feed = await fetch(rss);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type'), /rss\+xml/);
    assert.match(await feed.text(), new RegExp(`#id=${publicId}`));
    await assertAxe(page, 'district list');
    await screenshot(page, 'report-district', { fullPage: true });

    const subscriber = 'upozorneni@example.org';
    await page.fill('#report-alerts-email', subscriber);
    await page.click('.report-alerts-form button[type="submit"]');
    await page.waitForSelector('.report-alerts .report-notice-ok:not([hidden])');
    assert.equal(await page.textContent('.report-alerts .report-notice-ok'), cs['report.alerts.sent']);
    const mail = await sink.waitFor((m) => m.to.includes(subscriber) && /#subscribe=/.test(m.text));
    const token = /#subscribe=([A-Za-z0-9_-]+)/.exec(mail.text)[1];
    await goReport(page, `#subscribe=${token}`);
    assert.equal(await page.textContent('#report-outcome'), cs['report.alerts.confirmed']);
    await assertAxe(page, 'subscription confirmed');
    const unsubscribe = /#unsubscribe=([A-Za-z0-9_-]+)/.exec(mail.text)[1];
    await goReport(page, `#unsubscribe=${unsubscribe}`);
    assert.equal(await page.textContent('#report-outcome'), cs['report.alerts.unsubscribed']);
    await assertAxe(page, 'unsubscribed');
    await goReport(page, `#subscribe=${'x'.repeat(32)}`);
    assert.equal(await page.textContent('#report-outcome'), cs['report.alerts.badLink'], 'an unknown link says so');
  });

  test('the district card and the main page link to the reports', async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    contexts.push(context);
    await page.goto(`${server.baseUrl}/districts/${home.id}`);
    await page.waitForSelector('#district-report-link');
    assert.equal(await page.getAttribute('#district-report-link', 'href'), `/report.html#district=${home.id}&lon=&lat=`);
    assert.equal(await page.getAttribute('#district-reports-link', 'href'), `/report.html#district=${home.id}`);
    await Promise.all([page.waitForURL(/report\.html/), page.click('#district-report-link')]);
    await waitView(page, 'form');
    await page.waitForFunction((id) => document.getElementById('report-map')?.dataset.selectedDistrict === String(id), home.id);
    await page.goto(server.baseUrl + '/');
    assert.equal(await page.textContent('#report-link'), cs['report.link.main']);
  });
});

describe('language and phone', () => {
  test('in English on a phone: the form fits 375 px and passes axe-core', async () => {
    const page = await openReport('', { ...PHONE, query: '?lang=en' });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('#report-heading'), en['report.form.heading']);
    await page.waitForSelector('#report-category-vandalism');
    assert.equal(await page.textContent('label[for="report-category-vandalism"]'), 'Vandalism');
    await page.check('#report-category-unsafe_place');
    await page.waitForSelector('#report-extra-time_of_day');
    assert.equal(await page.textContent('label[for="report-extra-time_of_day"]'), fill(en['report.extra.optional'], { label: 'When you feel unsafe there' }));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
    await assertAxe(page, 'English phone form');
    await screenshot(page, 'report-form-phone-en', { fullPage: true });
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'cs');
    assert.equal(await page.textContent('#report-heading'), cs['report.form.heading']);
    assert.equal(await page.textContent('label[for="report-category-vandalism"]'), 'Vandalismus');
    assert.equal(await page.isChecked('#report-category-unsafe_place'), true, 'the choice survives the switch');
    assert.deepEqual(page.okrsekErrors, []);
  });

  test('a desktop screenshot of the empty form', async () => {
    const page = await openReport();
    await page.waitForFunction(() => document.getElementById('report-map')?.dataset.ready === 'true');
    await screenshot(page, 'report-form-desktop', { fullPage: true });
    await assertAxe(page, 'desktop form');
  });
});
