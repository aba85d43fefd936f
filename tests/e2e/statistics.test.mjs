// Browser tests of the crime statistics (issue 7, second part) against the real `okrsek serve`
// on the demo town with generated incidents imported through the CLI: the public Statistiky
// page (choropleth with hidden areas hatched, charts with their tables, downloads, an area
// compared with the town, a town-only category, state in the URL, English, axe-core, keyboard),
// the district card's safety summary, and the staff analysis page (a prevention manager draws
// Gi* hotspots and shows exact points; a commission member gets the published figures and no
// exact points, and the API refuses them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PHONE,
  axeViolations,
  formatViolations,
  importIncidents,
  launchBrowser,
  loadLocale,
  newPage,
  screenshot,
  startServer,
} from './harness.mjs';

const cs = loadLocale('cs');
const en = loadLocale('en');

const PRAHA = 554782;
const MANAGER = { email: 'analyza@example.org', name: 'Alena Analytická', password: 'Modrý-most-přes-Vltavu-27' };
const COMMISSION = { email: 'komise@example.org', name: 'Karel Komisní', password: 'Dlouhá-cesta-do-Brna-93' };
// The municipal-police station at Opletalova 19 (Nové Město): the centre of a dense cluster.
const HOT = { lat: 50.082656, lon: 14.4314394 };
const SENSITIVE_TYPE = 10; // "omezování osobní svobody", marked sensitive for the test
const CLUSTER_TYPES = [43, 43, 43, 5, 8, 97, 42];
const SCATTER_TYPES = [19, 37, 54, 97];

/** A small deterministic generator (mulberry32), so every run imports the same incidents. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 24 months (2024-01 … 2025-12): a cluster around HOT, scattered single incidents elsewhere. */
function incidents() {
  const next = random(20251123);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const rows = [];
  const date = (month, day, hour) => {
    const y = 2024 + Math.floor(month / 12);
    const m = String((month % 12) + 1).padStart(2, '0');
    return `${y}-${m}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00.0000+01:00`;
  };
  let id = 900000;
  for (let month = 0; month < 24; month++) {
    for (let i = 0; i < 20 + (month >= 12 ? 4 : 0); i++) {
      const hour = next() < 0.7 ? 18 + Math.floor(next() * 6) : Math.floor(next() * 24);
      rows.push({ id: id++, lon: HOT.lon + (next() - 0.5) * 0.002, lat: HOT.lat + (next() - 0.5) * 0.0012, date: date(month, 1 + Math.floor(next() * 27), hour), types: [pick(CLUSTER_TYPES)] });
    }
    for (let i = 0; i < 10; i++) {
      rows.push({ id: id++, lon: 14.3 + next() * 0.3, lat: 50.0 + next() * 0.13, date: date(month, 1 + Math.floor(next() * 27), Math.floor(next() * 24)), types: [pick(SCATTER_TYPES)] });
    }
  }
  for (let i = 0; i < 6; i++) rows.push({ id: id++, lon: HOT.lon, lat: HOT.lat, date: date(14 + i, 10, 22), types: [SENSITIVE_TYPE] });
  return rows;
}

let server;
let browser;
let hot; // { id, name } of the district around HOT
const contexts = [];

async function api(path) {
  const response = await fetch(server.baseUrl + path);
  assert.equal(response.status, 200, `${path} answers 200`);
  return response.json();
}

before(async () => {
  server = await startServer({
    prepare: async (okrsek) => {
      await importIncidents(okrsek, { rows: incidents(), sensitive: [SENSITIVE_TYPE] });
      for (const [user, role] of [
        [MANAGER, 'prevention_manager'],
        [COMMISSION, 'security_commission_member'],
      ]) {
        await okrsek(['user', 'add', user.email, '--name', user.name, '--role', role, '--scope', `municipality:${PRAHA}`, '--password-stdin'], user.password + '\n');
      }
    },
  });
  browser = await launchBrowser();
  const lookup = await api(`/api/v1/lookup?lat=${HOT.lat}&lon=${HOT.lon}`);
  const district = lookup.areas.find((a) => a.layer === 'districts');
  assert.ok(district, 'the cluster lies in a demo district');
  hot = { id: district.id, name: district.name };
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  const exit = await server?.stop();
  if (exit) assert.equal(exit.code, 0, 'okrsek serve exits cleanly');
});

async function open(path, options = {}) {
  const { context, page } = await newPage(browser, server.baseUrl, options);
  contexts.push(context);
  await page.goto(server.baseUrl + path);
  return page;
}

async function statsPage(query = '', options = {}) {
  const page = await open(`/statistics.html${query}`, options);
  await page.waitForFunction(() => window.__okrsekStats?.ready.then(() => true), null, { timeout: 20_000 });
  await page.waitForSelector('#stats-sections[data-state="ready"]', { timeout: 20_000 });
  return page;
}

async function noAxeViolations(page, label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label}: accessibility violations:\n${formatViolations(violations)}`);
}

async function tableRows(page, selector) {
  return page.$$eval(`${selector} tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

describe('public statistics page', () => {
  test('map, hidden areas, charts with tables, downloads (desktop)', async () => {
    const page = await statsPage();
    assert.equal(await page.textContent('#stats-heading'), cs['stats.heading']);
    // The default period: the last 12 months with data.
    assert.equal(await page.inputValue('#stats-from'), '2025-01');
    assert.equal(await page.inputValue('#stats-to'), '2025-12');
    const map = await page.$eval('#stats-map', (m) => ({ ready: m.dataset.ready, areas: Number(m.dataset.areas), hidden: Number(m.dataset.hidden) }));
    assert.equal(map.ready, 'true');
    assert.ok(map.areas > 100, `the districts of Praha are drawn (${map.areas})`);
    assert.ok(map.hidden > 0, 'areas with fewer than 3 incidents are hidden');
    assert.ok((await page.$$('#stats-map path.stat-area-hidden')).length > 0, 'hidden areas are hatched on the map');
    assert.ok((await page.$$('#stat-map-legend .stat-swatch-hidden')).length === 1, 'the legend explains the hatching');
    // The map's table: the cluster's district with its count, hidden areas marked with the reason.
    await page.click('#stat-map-table summary');
    const rows = await tableRows(page, '#stat-areas-table');
    const hotRow = rows.find((r) => r[0] === hot.name);
    assert.ok(hotRow, `the table lists ${hot.name}`);
    assert.ok(Number(hotRow[1].replace(/\s/g, '')) >= 150, `${hot.name} has the cluster's incidents (${hotRow[1]})`);
    const hiddenCells = await page.$$eval('#stat-areas-table td[data-hidden="true"]', (tds) => tds.map((td) => td.textContent));
    assert.ok(hiddenCells.length > 0 && hiddenCells.every((text) => text.startsWith(cs['stats.hidden.short'])), 'a hidden count says so');
    assert.ok(hiddenCells.some((text) => text.includes(cs['stats.hidden.suppressed'].replace('{min}', '3'))), 'with the reason');
    // Charts, each with a table of the same figures.
    for (const id of ['stat-trend-chart', 'stat-hour-chart', 'stat-weekday-chart', 'stat-top-chart']) {
      assert.ok(await page.$(`#${id} canvas[role="img"]`), `${id} draws a chart`);
      assert.ok((await tableRows(page, `#${id}-table`)).length > 0, `${id} has a data table`);
    }
    const trend = await tableRows(page, '#stat-trend-chart-table');
    assert.equal(trend.length, 12, 'twelve months');
    assert.equal(trend[0].length, 3, 'this period and a year earlier');
    const hours = await tableRows(page, '#stat-hour-chart-table');
    const evening = hours.slice(18).map((r) => Number(r[1].replace(/\s/g, '')) || 0);
    const morning = hours.slice(6, 12).map((r) => Number(r[1].replace(/\s/g, '')) || 0);
    assert.ok(Math.min(...evening) > Math.max(...morning), 'the evening peak shows in the hour table');
    const top = await tableRows(page, '#stat-top-chart-table');
    assert.equal(top[0][0], 'KRÁDEŽE', 'thefts are the most frequent group');
    // Every table links to the API's CSV; the CSV answers with its header.
    const csv = await page.getAttribute('#stat-trend-chart .stat-download', 'href');
    assert.match(csv, /\/api\/v1\/statistics\/table\?.*format=csv/);
    const answer = await fetch(server.baseUrl + csv);
    assert.equal(answer.status, 200);
    assert.match((await answer.text()).split('\n')[0], /^area_id,area_name,category_id,category_name,bucket,count,status,rate_per_1000/);
    const links = await page.$$eval('#stat-map-table .stat-download', (as) => as.map((a) => a.textContent));
    assert.deepEqual(links, ['CSV', 'GeoJSON']);
    await screenshot(page, 'statistics-desktop', { fullPage: true });
    await noAxeViolations(page, 'statistics page');
    assert.deepEqual(page.okrsekErrors, [], 'no page errors');
  });

  test('an area against the town, state in the URL, a town-only category', async () => {
    const page = await statsPage();
    await page.selectOption('#stats-area', String(hot.id));
    await page.waitForFunction((name) => document.querySelector('#stat-compare-table')?.textContent.includes(name), hot.name);
    const rows = await tableRows(page, '#stat-compare-table');
    assert.equal(rows[0][0], hot.name);
    assert.equal(rows[1][0], (await api(`/api/v1/statistics/meta?town=${PRAHA}`)).town.name);
    assert.ok(Number(rows[1][1].replace(/\s/g, '')) > Number(rows[0][1].replace(/\s/g, '')), 'the town has more than the district');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('area'), String(hot.id));
    assert.equal(url.searchParams.get('town'), String(PRAHA));
    // The same URL opens the same view.
    const again = await statsPage(url.search);
    assert.equal(await again.inputValue('#stats-area'), String(hot.id));
    assert.ok((await again.textContent('#stat-compare-table')).includes(hot.name));
    // A sensitive category: no map by area, the charts stay (town level).
    await again.selectOption('#stats-category', String(SENSITIVE_TYPE));
    await again.waitForFunction(() => document.getElementById('stats-map').hidden);
    assert.equal(await again.textContent('#stat-map-intro'), cs['stats.map.sensitive']);
    await again.waitForSelector('#stats-sections[data-state="ready"]');
    assert.ok(await again.$('#stat-trend-chart canvas'));
    assert.equal(new URL(again.url()).searchParams.get('category'), String(SENSITIVE_TYPE));
  });

  test('keyboard and English', async () => {
    const page = await statsPage();
    // Tab reaches the category chooser; arrow keys change it like any select.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'stats-category');
    }
    assert.ok(reached, 'the category chooser is reachable with Tab');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('category'));
    await page.waitForSelector('#stats-sections[data-state="ready"]');
    await page.click('#lang-switch');
    assert.equal(await page.textContent('#stats-heading'), en['stats.heading']);
    assert.equal(await page.textContent('#stat-trend-heading'), en['stats.trend.heading']);
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await noAxeViolations(page, 'statistics page in English');
  });

  test('phone width', async () => {
    const page = await statsPage('', PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
    await screenshot(page, 'statistics-phone', { fullPage: true });
    await noAxeViolations(page, 'statistics page on a phone');
  });

  test('the start page links to Statistiky', async () => {
    const page = await open('/');
    assert.equal(await page.getAttribute('#statistics-link', 'href'), 'statistics.html');
    assert.equal((await page.textContent('#statistics-link')).trim(), cs['stats.link.main']);
  });
});

describe('district card', () => {
  test('safety summary with a link to Statistiky', async () => {
    const page = await open(`/districts/${hot.id}`);
    await page.waitForSelector('#section-safety[data-ready="true"]', { timeout: 20_000 });
    assert.equal(await page.textContent('#safety-heading'), cs['district.safety.heading']);
    const total = Number((await page.textContent('#safety-total')).replace(/\s/g, ''));
    assert.ok(total >= 150, `the district's last 12 months (${total})`);
    assert.ok(await page.$('#safety-change'), 'the change against the year before');
    const href = await page.getAttribute('#district-statistics-link', 'href');
    const link = new URL(href, server.baseUrl);
    assert.equal(link.pathname, '/statistics.html');
    assert.equal(link.searchParams.get('area'), String(hot.id));
    assert.equal(link.searchParams.get('level'), 'district');
    const summary = await api(`/api/v1/statistics/districts/${hot.id}/summary`);
    assert.equal(total, summary.total);
    await screenshot(page, 'statistics-district-card', { fullPage: true });
    await noAxeViolations(page, 'district card with the safety summary');
  });
});

async function signIn(page, user) {
  await page.goto(server.baseUrl + '/admin/');
  await page.waitForSelector('#admin-view[data-view="login"]');
  await page.fill('#login-email', user.email);
  await page.fill('#login-password', user.password);
  await page.click('#login-submit');
  await page.waitForSelector('#admin-view:not([data-view="login"])', { timeout: 15_000 });
}

async function analysis(user) {
  const page = await open('/admin/');
  await signIn(page, user);
  await page.goto(server.baseUrl + '/admin/#/analysis');
  await page.waitForSelector('#admin-view[data-view="analysis"]', { timeout: 15_000 });
  await page.waitForSelector('#analysis-tables[data-state="ready"]', { timeout: 20_000 });
  await page.waitForSelector('#analysis-map[data-ready="true"]', { timeout: 20_000 });
  return page;
}

describe('staff analysis page', () => {
  test('prevention manager: exact tables, Gi* hotspots, exact points (audited)', async () => {
    const page = await analysis(MANAGER);
    assert.ok(await page.$('a[data-nav="analysis"][aria-current="page"]'), 'the navigation shows Analýzy');
    assert.equal((await page.textContent('#analysis-access')).trim(), cs['admin.analysis.exactNote']);
    // Exact figures: no hidden cell in the staff tables.
    assert.equal((await page.$$('#analysis-tables td[data-hidden="true"]')).length, 0, 'nothing is hidden from the manager');
    const csv = await page.getAttribute('#stat-trend-chart .stat-download', 'href');
    assert.match(csv, /\/api\/v1\/admin\/statistics\/table\?/);
    await page.selectOption('#analysis-method', 'gi');
    await page.click('#analysis-draw');
    // Gi* draws only significant cells; its legend has two entries (hot, cold).
    await page.waitForFunction(() => document.querySelectorAll('#analysis-legend li').length === 2, null, { timeout: 20_000 });
    assert.ok(Number(await page.getAttribute('#analysis-map', 'data-cells')) > 0, 'the cluster is a significant hot spot');
    assert.ok((await page.textContent('#analysis-summary')).includes('cell = '), 'the parameters are shown');
    assert.equal((await page.textContent('#analysis-points-note')).trim(), cs['admin.analysis.points.audited']);
    await page.check('#analysis-points');
    await page.waitForFunction(() => Number(document.getElementById('analysis-map')?.dataset.points) > 0, null, { timeout: 20_000 });
    assert.ok((await page.$$('#analysis-map path.analysis-point')).length > 0, 'exact points are drawn');
    await screenshot(page, 'statistics-analysis', { fullPage: true });
    await noAxeViolations(page, 'analysis page');
  });

  test('commission member: published figures, no exact points', async () => {
    const page = await analysis(COMMISSION);
    assert.equal((await page.textContent('#analysis-access')).trim(), cs['admin.analysis.publishedNote']);
    assert.equal(await page.$('#analysis-points'), null, 'no exact points control');
    assert.equal((await page.textContent('#analysis-points-note')).trim(), cs['admin.analysis.points.forbidden']);
    const status = await page.evaluate(async (town) => {
      const r = await fetch(`/api/v1/admin/crime/incidents?town=${town}&bbox=14.42,50.07,14.44,50.09`, { credentials: 'same-origin' });
      return r.status;
    }, PRAHA);
    assert.equal(status, 403, 'the API refuses exact points without crime_incidents.read');
    assert.equal(await page.$('#analysis-profiles-link'), null, 'no area profiles without area_profiles.edit');
  });

  test('prevention manager edits an area profile', async () => {
    const page = await open('/admin/');
    await signIn(page, MANAGER);
    await page.goto(server.baseUrl + `/admin/#/analysis/profiles/${hot.id}`);
    await page.waitForSelector('#admin-view[data-view="area_profile"]');
    await page.waitForSelector('#profile-form:not([hidden])', { timeout: 15_000 });
    await page.fill('#profile-population', '8450');
    await page.click('#profile-amenities-add');
    await page.fill('#profile-amenities .profile-key', 'schools');
    await page.fill('#profile-amenities .profile-value', '4');
    await page.click('#profile-save');
    await page.waitForFunction((text) => document.querySelector('#profile-edit .inline-message')?.textContent === text, cs['admin.profile.saved']);
    const saved = await page.evaluate(async (id) => (await fetch(`/api/v1/admin/areas/${id}/profile`, { credentials: 'same-origin' })).json(), hot.id);
    assert.equal(saved.population, 8450);
    assert.equal(saved.amenities.schools, 4);
    await noAxeViolations(page, 'area profile form');
  });
});
