// Browser tests of the public page against the real `okrsek serve` and its demo database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PHONE,
  axeViolations,
  formatViolations,
  launchBrowser,
  loadLocale,
  openPage,
  pixelFor,
  screenshot,
  shownAreas,
  startServer,
  waitForMapReady,
  waitForResult,
} from './harness.mjs';

const cs = loadLocale('cs');
const en = loadLocale('en');

// Old Town Square: okrsek "5" of MC_PRAHA 1, city part Praha 1 (shared/data/boundaries/README.md).
const OLD_TOWN = { lat: 50.0875, lon: 14.4213 };
const OLD_TOWN_AREAS = { districts: 'Okrsek 5 · OŘ MP Praha 1', city_parts: 'Praha 1', municipalities: 'Praha' };
const OUTSIDE = { lat: 49.0, lon: 15.0 };

let server;
let browser;
const pages = [];

async function open(options) {
  const opened = await openPage(browser, server.baseUrl, options);
  pages.push(opened);
  return opened.page;
}

function assertOldTown(areas) {
  assert.equal(areas.districts, OLD_TOWN_AREAS.districts);
  assert.equal(areas.city_parts, OLD_TOWN_AREAS.city_parts);
  assert.equal(areas.municipalities, OLD_TOWN_AREAS.municipalities);
}

async function assertHighlighted(page) {
  const selected = await page.$eval('#map', (m) => m.dataset.selectedDistrict);
  assert.ok(selected, 'a district is highlighted');
  const highlighted = await page.$$eval('#map path.okrsek-district.is-selected', (paths) => paths.map((p) => p.dataset.areaId));
  assert.deepEqual(highlighted, [selected], 'exactly the looked-up district polygon is highlighted');
}

async function typeCoordinates(page, lat, lon) {
  await page.fill('#lat', lat);
  await page.fill('#lon', lon);
  await page.click('#coord-submit');
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const { context } of pages) await context.close().catch(() => {});
  await browser?.close();
  if (server) {
    const { code, signal } = await server.stop();
    assert.equal(signal, null, `okrsek serve was killed by ${signal}:\n${server.log()}`);
    assert.equal(code, 0, `okrsek serve exited with ${code} after SIGTERM:\n${server.log()}`);
  }
});

describe('okrsek public page', () => {
  test('loads in Czech and draws the 226 district polygons', async () => {
    const page = await open();
    assert.equal(await page.getAttribute('html', 'lang'), 'cs');
    assert.equal((await page.textContent('h1')).trim(), cs['intro.heading']);
    assert.equal(await page.$eval('#map', (m) => m.dataset.districtCount), '226');
    assert.equal(await page.locator('#map path.okrsek-district').count(), 226);
    const attribution = await page.textContent('.leaflet-control-attribution');
    assert.match(attribution, /datový podklad © IPR Praha, © ČÚZK/);
    assert.match(await page.title(), /okrsek/);
    assert.deepEqual(page.okrsekErrors, []);
  });

  test('clicking inside a district shows its district, city part and town', async () => {
    const page = await open();
    const { x, y } = await pixelFor(page, OLD_TOWN.lat, OLD_TOWN.lon);
    await page.mouse.click(x, y);
    await waitForResult(page);
    assertOldTown(await shownAreas(page));
    await assertHighlighted(page);
    assert.equal(await page.locator('.okrsek-marker').count(), 1);
    const url = new URL(page.url());
    assert.ok(Math.abs(Number(url.searchParams.get('lat')) - OLD_TOWN.lat) < 1e-4, url.href);
    assert.ok(Math.abs(Number(url.searchParams.get('lon')) - OLD_TOWN.lon) < 1e-4, url.href);
    await screenshot(page, 'desktop-cs');
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe (cs, desktop, result shown):\n${formatViolations(violations)}`);
    assert.deepEqual(page.okrsekErrors, []);
  });

  test('typed coordinates with decimal commas select the place', async () => {
    const page = await open();
    await typeCoordinates(page, '50,0875', '14,4213');
    await waitForResult(page);
    assertOldTown(await shownAreas(page));
    await assertHighlighted(page);
    assert.match(page.url(), /[?&]lat=50\.0875&lon=14\.4213(&|$)/);
  });

  test('a pasted "lat, lon" pair in one field is split into both fields', async () => {
    const page = await open();
    await page.fill('#lat', '50.0875, 14.4213');
    await page.press('#lat', 'Enter');
    await waitForResult(page);
    assert.equal(await page.inputValue('#lat'), '50.0875');
    assert.equal(await page.inputValue('#lon'), '14.4213');
    assertOldTown(await shownAreas(page));
  });

  test('a shared URL selects its point on load', async () => {
    const page = await open({ path: `/?lat=${OLD_TOWN.lat}&lon=${OLD_TOWN.lon}` });
    await waitForResult(page);
    assertOldTown(await shownAreas(page));
    await assertHighlighted(page);
  });

  test('switching to English changes the labels, <html lang> and the URL, and is remembered', async () => {
    const page = await open({ path: `/?lat=${OLD_TOWN.lat}&lon=${OLD_TOWN.lon}` });
    await waitForResult(page);
    assert.equal((await page.textContent('#lang-switch')).trim(), 'English');
    await page.click('#lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.textContent('h1')).trim(), en['intro.heading']);
    assert.equal((await page.textContent('label[for=lat]')).trim(), en['form.lat']);
    assert.equal((await page.textContent('#lang-switch')).trim(), 'Čeština');
    const labels = await page.$$eval('#result .result-row dt', (dts) => dts.map((d) => d.textContent.trim()));
    assert.deepEqual(labels, [en['result.layer.districts'], en['result.layer.city_parts'], en['result.layer.municipalities']]);
    assert.equal(await page.getAttribute('.leaflet-control-zoom-in', 'aria-label'), en['map.zoomIn']);
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
    assert.match(await page.textContent('.leaflet-control-attribution'), /datový podklad © IPR Praha, © ČÚZK/);
    await screenshot(page, 'desktop-en');
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe (en, desktop, result shown):\n${formatViolations(violations)}`);

    // The choice survives a visit without ?lang (localStorage) ...
    await page.goto(server.baseUrl + '/');
    await waitForMapReady(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // ... and ?lang=cs wins over it.
    await page.goto(server.baseUrl + '/?lang=cs');
    await waitForMapReady(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'cs');
    assert.equal((await page.textContent('h1')).trim(), cs['intro.heading']);
  });

  test('a point outside Prague shows the localized outside-coverage message', async () => {
    const page = await open();
    await typeCoordinates(page, String(OUTSIDE.lat), String(OUTSIDE.lon));
    await waitForResult(page, 'error');
    assert.equal(await page.$eval('#result .result-error', (e) => e.dataset.code), 'outside_coverage');
    assert.equal((await page.textContent('#result .result-error-text')).trim(), cs['error.outside_coverage']);
    assert.equal(await page.$eval('#map', (m) => m.dataset.selectedDistrict), '');
    await page.click('#lang-switch');
    assert.equal((await page.textContent('#result .result-error-text')).trim(), en['error.outside_coverage']);
  });

  test('invalid coordinates show validation errors and no lookup', async () => {
    const page = await open();
    await typeCoordinates(page, 'padesát', '14,4213');
    assert.equal((await page.textContent('#lat-error')).trim(), cs['form.error.lat.number']);
    assert.equal(await page.getAttribute('#lat', 'aria-invalid'), 'true');
    assert.equal(await page.$eval('#result', (r) => r.dataset.state), 'empty');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'lat');

    await typeCoordinates(page, '95', '');
    assert.equal((await page.textContent('#lat-error')).trim(), cs['form.error.lat.range']);
    assert.equal((await page.textContent('#lon-error')).trim(), cs['form.error.lon.required']);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe (cs, form errors shown):\n${formatViolations(violations)}`);

    await typeCoordinates(page, '50,0875', '14,4213');
    await waitForResult(page);
    assert.equal(await page.isHidden('#lat-error'), true);
    assert.equal(await page.getAttribute('#lat', 'aria-invalid'), null);
  });

  test('"use my location" looks up the browser position', async () => {
    const page = await open({
      geolocation: { latitude: OLD_TOWN.lat, longitude: OLD_TOWN.lon, accuracy: 10 },
      permissions: ['geolocation'],
    });
    await page.click('#locate');
    await waitForResult(page);
    assertOldTown(await shownAreas(page));
  });

  test('a denied location shows a clear localized message', async () => {
    const page = await open();
    await page.evaluate(() => {
      // Headless Chromium has no permission prompt; answer as a user who said no would.
      navigator.geolocation.getCurrentPosition = (_ok, fail) =>
        fail({ code: 1, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3, message: 'denied' });
    });
    await page.click('#locate');
    await page.waitForSelector('#locate-message:not([hidden])');
    assert.equal((await page.textContent('#locate-message')).trim(), cs['locate.denied']);
    assert.equal(await page.isEnabled('#locate'), true);
  });

  test('keyboard: skip link, language switch, location button and coordinate inputs', async () => {
    const page = await open();
    const order = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const style = el ? getComputedStyle(el) : null;
        return {
          id: el?.id || el?.className || el?.tagName,
          outline: style ? style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 : false,
          shadow: style ? style.boxShadow !== 'none' : false,
        };
      });
      order.push(focused);
    }
    const ids = order.map((f) => f.id);
    assert.equal(ids[0], 'skip-link', `first Tab stop is the skip link: ${ids.join(', ')}`);
    for (const id of ['lang-switch', 'locate', 'map', 'lat', 'lon', 'coord-submit']) {
      const stop = order.find((f) => f.id === id);
      assert.ok(stop, `Tab reaches #${id}: ${ids.join(', ')}`);
      assert.ok(stop.outline || stop.shadow, `#${id} shows a visible focus indicator`);
    }
    assert.ok(ids.indexOf('lang-switch') < ids.indexOf('locate') && ids.indexOf('locate') < ids.indexOf('lat') && ids.indexOf('lat') < ids.indexOf('lon'));

    // The skip link moves focus to the main content.
    await page.focus('.skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    // Enter on the focused map selects the place in its centre.
    await page.evaluate(([lat, lon]) => window.__okrsekMap.setView([lat, lon], 16, { animate: false }), [OLD_TOWN.lat, OLD_TOWN.lon]);
    await page.focus('#map');
    await page.keyboard.press('Enter');
    await waitForResult(page);
    assert.equal((await shownAreas(page)).districts, OLD_TOWN_AREAS.districts);

    // The coordinate form works from the keyboard alone.
    await page.focus('#lat');
    await page.keyboard.type('49,0');
    await page.keyboard.press('Tab');
    await page.keyboard.type('15,0');
    await page.keyboard.press('Enter');
    await waitForResult(page, 'error');
  });

  test('phone 375×740: no horizontal scroll, panel visible, large tap targets', async () => {
    const page = await open(PHONE);
    const overflow = () => page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok((await overflow()) <= 375, `page is ${await overflow()} px wide`);
    assert.equal(await page.isVisible('#result'), true);

    const { x, y } = await pixelFor(page, OLD_TOWN.lat, OLD_TOWN.lon);
    await page.touchscreen.tap(x, y);
    await waitForResult(page);
    assertOldTown(await shownAreas(page));
    assert.ok((await overflow()) <= 375, `page is ${await overflow()} px wide with a result`);
    const box = await page.locator('#result').boundingBox();
    assert.ok(box && box.width > 0 && box.x >= 0 && box.x + box.width <= 375, `panel inside the screen: ${JSON.stringify(box)}`);

    const small = await page.$$eval('button, input, .leaflet-control-zoom a, .lang-switch, .brand', (els) =>
      els
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ what: e.id || e.className, ...e.getBoundingClientRect().toJSON() }))
        .filter((r) => r.height < 44 || r.width < 44)
        .map((r) => `${r.what} ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
    assert.deepEqual(small, [], 'tap targets are at least 44×44 px');

    // What the user sees after the tap (the page scrolls the answer into view) ...
    await page.waitForFunction(() => document.getElementById('result').getBoundingClientRect().bottom <= window.innerHeight + 1);
    await screenshot(page, 'phone-cs-result');
    // ... and the top of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'phone-cs');
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe (cs, phone, result shown):\n${formatViolations(violations)}`);
  });

  test('with a tile server configured but unreachable, districts draw over a plain background', async (t) => {
    if (!server.serveAnother) return t.skip('needs the harness to start servers');
    const tiled = await server.serveAnother(['--tile-url', 'http://127.0.0.1:9/{z}/{x}/{y}.png', '--tile-attribution', '© test tiles']);
    try {
      const config = await (await fetch(tiled.baseUrl + '/api/v1/config')).json();
      assert.equal(config.tiles?.url, 'http://127.0.0.1:9/{z}/{x}/{y}.png', JSON.stringify(config));
      const { context, page } = await openPage(browser, tiled.baseUrl);
      pages.push({ context, page });
      await page.waitForFunction(() => document.getElementById('map')?.dataset.tiles === 'failed', null, { timeout: 15_000 });
      assert.equal(await page.locator('#map path.okrsek-district').count(), 226);
      const opacity = await page.$eval('#map path.okrsek-district', (p) => p.getAttribute('fill-opacity'));
      assert.equal(opacity, '0.85', 'districts are opaque once the tiles failed');
      assert.equal(await page.locator('#map img.leaflet-tile').count(), 0, 'no broken tile images left');
      await typeCoordinates(page, '50,0875', '14,4213');
      await waitForResult(page);
      assertOldTown(await shownAreas(page));
      await screenshot(page, 'desktop-cs-tiles-down');
      assert.deepEqual(page.okrsekErrors, []);
    } finally {
      const { code, signal } = await tiled.stop();
      assert.equal(signal, null);
      assert.equal(code, 0, tiled.log());
    }
  });

  test('axe: no violations on the untouched page in Czech and in English', async () => {
    const page = await open();
    let violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe (cs, desktop, empty):\n${formatViolations(violations)}`);
    const phone = await open({ ...PHONE, path: '/?lang=en' });
    violations = await axeViolations(phone);
    assert.equal(violations.length, 0, `axe (en, phone, empty):\n${formatViolations(violations)}`);
    await screenshot(phone, 'phone-en-empty');
  });
});
