// Browser tests of "type an address → see my district's team": the address search on the public
// page, the district card (/districts/{id}) on desktop and phone widths, in Czech and English,
// its print layouts, against the real `okrsek serve` and its demo database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PHONE,
  axeViolations,
  formatViolations,
  launchBrowser,
  loadLocale,
  newPage,
  openPage,
  screenshot,
  startServer,
} from './harness.mjs';

const cs = loadLocale('cs');
const en = loadLocale('en');

// A real address of the demo: the municipal-police station at Opletalova 19, Nové Město
// (shared/data/boundaries/praha-sluzebny-mestske-policie-100.geojson).
const STATION = { lat: 50.082656, lon: 14.4314394 };

let server;
let browser;
let expected; // { id, name } of the district holding the station, from the lookup API
const contexts = [];

async function api(path) {
  const response = await fetch(server.baseUrl + path);
  assert.equal(response.status, 200, `${path} answers 200`);
  return response.json();
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const lookup = await api(`/api/v1/lookup?lat=${STATION.lat}&lon=${STATION.lon}`);
  const district = lookup.areas.find((a) => a.layer === 'districts');
  assert.ok(district, 'the station lies in a demo district');
  expected = { id: district.id, name: district.name };
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  const exit = await server?.stop();
  if (exit) assert.equal(exit.code, 0, 'okrsek serve exits cleanly');
});

async function home(options = {}) {
  const opened = await openPage(browser, server.baseUrl, options);
  contexts.push(opened.context);
  return opened.page;
}

async function card(path, options = {}) {
  const { context, page } = await newPage(browser, server.baseUrl, options);
  contexts.push(context);
  await page.goto(server.baseUrl + path);
  await page.waitForFunction(() => window.__okrsekDistrict?.ready.then(() => true), null, { timeout: 15_000 });
  await page.waitForSelector('#district-card:not([hidden]), .district-status.is-error');
  return page;
}

async function typeAndWait(page, text) {
  await page.fill('#address-input', '');
  await page.type('#address-input', text, { delay: 20 });
  await page.waitForSelector('#address-list:not([hidden]) [role="option"]', { timeout: 10_000 });
  return page.$$eval('#address-list [role="option"] .address-option-label', (nodes) => nodes.map((n) => n.textContent));
}

async function assertCard(page, strings) {
  assert.equal(await page.textContent('#district-heading'), expected.name);
  const members = await page.$$eval('.team-member', (nodes) =>
    nodes.map((n) => ({ role: n.querySelector('.team-role')?.textContent, name: n.querySelector('.team-name')?.textContent })),
  );
  assert.ok(members.length >= 3, `the team has its three roles (got ${members.length})`);
  for (const m of members) assert.ok(m.role && m.name, 'every member shows a role and a name');
  assert.equal(await page.textContent('#team-heading'), strings['district.team.heading']);
  const numbers = await page.$$eval('.emergency-numbers a', (links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(numbers, ['tel:112', 'tel:158', 'tel:156']);
  const places = await page.$$eval('.place', (nodes) => nodes.length);
  assert.ok(places >= 1, 'a station is shown (in the district or the nearest ones)');
  assert.match(await page.getAttribute('.calendar-link', 'href'), new RegExp(`/api/v1/districts/${expected.id}/events\\.ics$`));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  assert.deepEqual(page.okrsekErrors, [], 'no script errors');
}

describe('address search → district card', () => {
  test('typing without diacritics and with a typo suggests the address; Enter opens its district card', async () => {
    const page = await home();
    const plain = await typeAndWait(page, 'opletalova 19');
    assert.ok(plain[0].startsWith('Opletalova 19'), `first suggestion is the address (got ${plain[0]})`);
    const typo = await typeAndWait(page, 'Opletlova 19');
    assert.ok(typo[0].startsWith('Opletalova 19'), `a typo still finds it (got ${typo[0]})`);
    assert.equal(await page.getAttribute('#address-input', 'aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getAttribute('#address-input', 'aria-activedescendant'), 'address-list-option-0');
    await Promise.all([page.waitForURL(new RegExp(`/districts/${expected.id}#from=[-0-9.,]+$`)), page.keyboard.press('Enter')]);
    await page.waitForSelector('#district-card:not([hidden])');
    await assertCard(page, cs);
    // The address's point rides in the fragment: the nearest stations outside the district are
    // measured from it; the district's own places carry no distance.
    assert.match(page.url(), /#from=50\.\d{5},14\.\d{5}$/);
    assert.equal(await page.$$eval('.place-list:not(.place-list-nearest) .place-distance', (n) => n.length), 0);
    const distances = await page.$$eval('.place-list-nearest .place-distance', (nodes) => nodes.map((n) => n.textContent));
    assert.ok(distances.length >= 1, 'the nearest stations outside the district are listed');
    for (const d of distances) assert.match(d, /^[\d\s,]+ k?m od vaší adresy$/);
    // Office hours name the weekdays in the page's language, also after switching it.
    const czechHours = await page.textContent('.team-hours-text');
    assert.match(czechHours, /^(po|út|st|čt|pá) /m);
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.textContent('.team-hours-text'), /^(Mon|Tue|Wed|Thu|Fri) /m);
    assert.match(await page.textContent('.place-list-nearest .place-distance'), /from your address$/);
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'cs');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'district-card-desktop', { fullPage: true });
  });

  test('on a phone: tap a suggestion, read the card in English', async () => {
    const page = await home(PHONE);
    await typeAndWait(page, 'uhelny trh 10');
    await Promise.all([page.waitForURL(/\/districts\/\d+/), page.tap('#address-list [role="option"]')]);
    await page.waitForSelector('#district-card:not([hidden])');
    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    assert.ok(id > 0);
    const english = await card(`/districts/${expected.id}?lang=en`, PHONE);
    await assertCard(english, en);
    assert.equal(await english.getAttribute('html', 'lang'), 'en');
    const violations = await axeViolations(english);
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(english, 'district-card-phone-en', { fullPage: true });
  });

  test('an unknown address says so; an unknown district says so', async () => {
    const page = await home();
    await page.type('#address-input', 'zzzzqqq 999', { delay: 10 });
    await page.waitForFunction(() => document.getElementById('address-status')?.dataset.state === 'none');
    assert.equal(await page.textContent('#address-status'), cs['search.none']);
    const missing = await card('/districts/999999999');
    assert.equal(await missing.textContent('#district-status'), cs['district.error.notFound']);
  });

  test('print layouts: ten business cards and an A5 leaflet with a QR code', async () => {
    const page = await card(`/districts/${expected.id}/print?format=card`);
    assert.equal(await page.$$eval('.vizitka', (n) => n.length), 10);
    await page.waitForFunction(() => [...document.querySelectorAll('.print-qr')].every((img) => img.complete && img.naturalWidth > 0));
    const leaflet = await card(`/districts/${expected.id}/print?format=leaflet`);
    assert.equal(await leaflet.$$eval('.leaflet', (n) => n.length), 1);
    await leaflet.waitForFunction(() => document.querySelector('.print-qr')?.naturalWidth > 0);
    const qr = await fetch(`${server.baseUrl}/api/v1/districts/${expected.id}/qr.svg`);
    assert.equal(qr.status, 200);
    assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
    assert.match(await qr.text(), /^<svg|^<\?xml/);
    await screenshot(leaflet, 'district-leaflet', { fullPage: true });
  });
});
