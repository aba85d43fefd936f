// Browser test of the district card editor in the back office (web/admin/, #/districts) against
// the real `okrsek serve` on the demo town: a prevention manager edits a police officer's
// profile, office hours, photo and role contact and appoints a new holder, and the public card
// shows it all; a district officer sees only their own district, no appointing, a clear
// refusal for another district (and the API refuses a forged request); the editor works at
// phone width, passes axe-core and switches to English.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { axeViolations, formatViolations, launchBrowser, loadLocale, newPage, PHONE, screenshot, startServer } from './harness.mjs';

const cs = loadLocale('cs');
const en = loadLocale('en');

const PRAHA = 554782;
const MANAGER = { email: 'prevence@example.org', name: 'Marta Prevenční', password: 'Zelený-kopec-nad-řekou-41' };
const OFFICER = { email: 'okrskar@example.org', name: 'Ota Okrskový', password: 'Tichá-ulice-pod-lipami-58' };
// Two points of the demo town in different districts: náměstí Míru (Praha 2), Dejvická (Praha 6).
const HOME_POINT = { lon: 14.4376, lat: 50.0755 };
const OTHER_POINT = { lon: 14.3934, lat: 50.1004 };

let server;
let browser;
let okrsekCli;
let home; // { id, name, cityPart } of the district both users work on
let other; // { id, name } of a district the officer does not serve

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small valid PNG (RGB, one colour with a darker band): enough for the server to decode. */
function makePng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y > height / 3 && y < (2 * height) / 3;
      row[1 + x * 3] = band ? 20 : 40;
      row[2 + x * 3] = band ? 60 : 110;
      row[3 + x * 3] = band ? 120 : 200;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function districtAt(baseUrl, point) {
  const response = await fetch(`${baseUrl}/api/v1/lookup?lon=${point.lon}&lat=${point.lat}`);
  assert.equal(response.status, 200, 'lookup answers');
  const { areas } = await response.json();
  const district = areas.find((a) => a.layer === 'districts');
  const cityPart = areas.find((a) => a.layer === 'city_parts');
  assert.ok(district, `a demo district at ${point.lon},${point.lat}`);
  return { id: district.id, name: district.name, cityPart: cityPart?.name ?? null };
}

async function publicCard(baseUrl, id) {
  const response = await fetch(`${baseUrl}/api/v1/districts/${id}`);
  assert.equal(response.status, 200);
  return response.json();
}

async function signIn(page, user) {
  await page.goto(server.baseUrl + '/admin/');
  await page.waitForSelector('#admin-view[data-view="login"]');
  await page.fill('#login-email', user.email);
  await page.fill('#login-password', user.password);
  await page.click('#login-submit');
}

async function view(page, name) {
  await page.waitForSelector(`#admin-view[data-view="${name}"]`, { timeout: 15_000 });
}

async function text(page, selector) {
  return ((await page.textContent(selector)) ?? '').trim();
}

async function notice(page, key, params = {}) {
  let expected = cs[key];
  for (const [name, value] of Object.entries(params)) expected = expected.replace(`{${name}}`, value);
  await page.waitForFunction(([want]) => document.getElementById('admin-notice')?.textContent?.trim() === want, [expected], { timeout: 15_000 });
}

async function assertNoAxeViolations(page, label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label}: accessibility violations:\n${formatViolations(violations)}`);
}

/** The seat (role card) of a role code in the team tab; returns its id prefix ("seat-3"). */
async function seat(page, roleCode) {
  const selector = `article.team-seat[data-role="${roleCode}"]`;
  await page.waitForSelector(selector);
  return page.getAttribute(selector, 'id');
}

before(async () => {
  server = await startServer({
    prepare: async (okrsek) => {
      okrsekCli = okrsek;
      await okrsek(
        ['user', 'add', MANAGER.email, '--name', MANAGER.name, '--role', 'prevention_manager', '--scope', `municipality:${PRAHA}`, '--password-stdin'],
        MANAGER.password + '\n',
      );
    },
  });
  home = await districtAt(server.baseUrl, HOME_POINT);
  other = await districtAt(server.baseUrl, OTHER_POINT);
  assert.notEqual(home.id, other.id, 'the two points lie in different districts');
  // The officer's district is known only now (area ids come from the demo import).
  await okrsekCli(
    ['user', 'add', OFFICER.email, '--name', OFFICER.name, '--role', 'district_state_officer', '--scope', `district:${home.id}`, '--password-stdin'],
    OFFICER.password + '\n',
  );
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

describe('district card editor: prevention manager', () => {
  let context;
  let page;
  const BIO = 'Na Vinohradech sloužím osm let. Řeším hlavně parkování, rušení nočního klidu a bezpečnost dětí cestou do školy.';
  const HOURS_PLACE = 'Služebna Korunní 15';
  const ROLE_EMAIL = 'okrsek-policie@example.org';
  const NEW_HOLDER = 'Tereza Nováčková';

  before(async () => {
    ({ context, page } = await newPage(browser, server.baseUrl));
  });
  after(async () => {
    assert.deepEqual(page?.okrsekErrors ?? [], [], 'no uncaught errors in the page');
    await context?.close().catch(() => {});
  });

  test('the districts list is grouped by city part and filtered', async () => {
    await signIn(page, MANAGER);
    await page.waitForSelector('#admin-bar:not([hidden])');
    assert.ok(await page.isVisible('[data-nav="districts"]'), 'the navigation offers the districts');
    assert.equal(await text(page, '[data-nav="districts"]'), cs['admin.nav.districts']);
    await page.click('[data-nav="districts"]');
    await view(page, 'districts');
    await page.waitForSelector('#districts-groups');
    const groups = await page.$$eval('.district-group-title', (els) => els.map((e) => e.textContent.trim()));
    assert.ok(groups.length > 10, `grouped by city part: ${groups.length} groups`);
    assert.ok(groups.includes(home.cityPart), `${home.cityPart} is one of the groups`);
    const rows = await page.$$eval('.district-row', (els) => els.length);
    assert.ok(rows >= 200, `a town-wide manager sees the whole town: ${rows}`);
    assert.ok(await page.isVisible('#districts-filter'), 'a filter box for a big town');

    await page.fill('#districts-filter', home.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
    const visible = await page.$$eval('.district-row', (els) => els.filter((e) => !e.hidden).map((e) => Number(e.dataset.district)));
    assert.ok(visible.includes(home.id) && visible.length <= 5, `the filter (without diacritics) keeps ${home.name} and few others: ${visible.length}`);
    assert.match(await text(page, '#districts-filter-count'), new RegExp(`${visible.length}`));
    assert.equal(await page.getAttribute(`[data-district="${home.id}"] .district-row-public`, 'href'), `/districts/${home.id}`);
    await screenshot(page, 'admin-districts-cs');
    await assertNoAxeViolations(page, 'districts list');

    await page.click(`[data-district="${home.id}"] .district-row-name`);
    await view(page, 'district');
    await page.waitForSelector('#district-tab-team');
    assert.equal(await text(page, 'h1'), home.name);
    assert.equal(await page.getAttribute('#district-public-link', 'href'), `/districts/${home.id}`);
    if (home.cityPart) assert.equal(await text(page, '.district-city-part'), home.cityPart);
  });

  test('the tabs follow the WAI-ARIA pattern and keep the tab in the address', async () => {
    assert.equal(await page.getAttribute('#district-tab-team', 'aria-selected'), 'true');
    assert.equal(await page.getAttribute('[role="tablist"]', 'aria-label'), cs['admin.district.tabs']);
    await page.focus('#district-tab-team');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('#district-tab-places', 'aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'district-tab-places');
    assert.equal(await page.getAttribute('#district-tab-team', 'tabindex'), '-1', 'roving tabindex');
    assert.ok(await page.isHidden('#district-panel-team'));
    assert.equal(new URL(page.url()).hash, `#/districts/${home.id}/places`);
    await page.keyboard.press('End');
    assert.equal(await page.getAttribute('#district-tab-meetings', 'aria-selected'), 'true');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('#district-tab-team', 'aria-selected'), 'true', 'the arrows wrap around');

    // A reload keeps the tab.
    await page.goto(`${server.baseUrl}/admin/#/districts/${home.id}/priorities`);
    await view(page, 'district');
    await page.waitForSelector('#district-tab-priorities[aria-selected="true"]');
    assert.ok(await page.isVisible('#district-panel-priorities'));
    await page.click('#district-tab-team');
    assert.equal(new URL(page.url()).hash, `#/districts/${home.id}`);
  });

  test('edits the police officer: bio, office hours, photo and the role contact', async () => {
    const prefix = await seat(page, 'state_police_officer');
    const holderName = await text(page, `#${prefix}-holder-name`);
    assert.ok(holderName.length > 3, 'the demo officer is shown');

    // Profile: bio with its counter, office hours rows.
    await page.click(`#${prefix}-edit > summary`);
    await page.fill(`#${prefix}-profile-bio`, BIO);
    const bytes = Buffer.byteLength(BIO, 'utf8');
    assert.match(await text(page, `#${prefix}-profile-bio-counter`), new RegExp(`^${bytes} / 2000`));
    const existingRows = await page.$$eval(`#${prefix}-profile-form .hours-row`, (els) => els.length);
    for (let i = 0; i < existingRows; i++) await page.click(`#${prefix}-profile-form .hours-remove`);
    await page.click(`#${prefix}-profile-hours-add`);
    let row = await page.getAttribute(`#${prefix}-profile-form .hours-row:last-of-type`, 'id');
    const weekdays = await page.$$eval(`#${row}-weekday option`, (options) => options.map((o) => o.textContent));
    assert.deepEqual(weekdays, [1, 2, 3, 4, 5, 6, 7].map((d) => cs[`admin.team.weekday.${d}`]));
    await page.selectOption(`#${row}-weekday`, '2');
    await page.fill(`#${row}-from`, '14:00');
    await page.fill(`#${row}-to`, '13:00');
    await page.fill(`#${row}-place`, HOURS_PLACE);
    await page.click(`#${prefix}-profile-submit`);
    assert.equal(await text(page, `#${row}-to-error`), cs['admin.team.error.office_hours.to'], 'an end before the start is caught');
    await page.fill(`#${row}-to`, '16:30');
    await page.click(`#${prefix}-profile-hours-add`);
    row = await page.getAttribute(`#${prefix}-profile-form .hours-row:last-of-type`, 'id');
    assert.equal(await page.inputValue(`#${row}-weekday`), '3', 'a new row starts on the next day');
    await page.click(`#${row} .hours-remove`);
    await page.click(`#${prefix}-profile-submit`);
    await notice(page, 'admin.team.saved', { name: holderName });
    await page.waitForSelector(`#${prefix}-bio-text`);
    assert.equal(await text(page, `#${prefix}-bio-text`), BIO);
    assert.equal(await text(page, `#${prefix}-hours li`), `${cs['admin.team.weekday.2']} 14:00–16:30, ${HOURS_PLACE}`);
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'admin-card-title team-seat-title', 'the focus returns to the role');

    // Photo: a file over 10 MiB is refused here, a PNG is previewed, then uploaded.
    await page.click(`#${prefix}-photo-box > summary`);
    await page.setInputFiles(`#${prefix}-photo`, { name: 'velka.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff) });
    assert.match(await text(page, `#${prefix}-photo-error`), /10 MiB/);
    assert.ok(await page.isDisabled(`#${prefix}-photo-upload`));
    await page.setInputFiles(`#${prefix}-photo`, { name: 'okrskar.png', mimeType: 'image/png', buffer: makePng(120, 150) });
    await page.waitForSelector(`#${prefix}-photo-preview:not([hidden]) img`);
    assert.equal(await text(page, `#${prefix}-photo-error`), '');
    const uploads = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().endsWith('/photo')) uploads.push(request.headers());
    });
    await page.click(`#${prefix}-photo-upload`);
    await notice(page, 'admin.team.photo.uploaded', { name: holderName });
    assert.equal(uploads.length, 1);
    assert.equal(uploads[0]['content-type'], 'image/png', 'the photo goes as a raw body with its type');
    assert.ok((uploads[0]['x-csrf-token'] ?? '').length >= 16, 'with the CSRF header');
    await page.waitForSelector(`#${prefix}-holder img.team-photo`);
    assert.match(await page.getAttribute(`#${prefix}-holder img.team-photo`, 'src'), /^\/api\/v1\/photos\/\d+\/[0-9a-f]{64}\.jpg$/);
    assert.ok(await page.evaluate((sel) => document.querySelector(sel).naturalWidth > 0, `#${prefix}-holder img.team-photo`), 'the thumbnail loads');

    // Role contact (appointing staff only).
    await page.click(`#${prefix}-contact > summary`);
    await page.fill(`#${prefix}-contact-email`, 'not-an-address');
    await page.click(`#${prefix}-contact-submit`);
    await page.waitForSelector(`#${prefix}-contact-email-error:not([hidden])`);
    assert.equal(await text(page, `#${prefix}-contact-email-error`), cs['admin.team.error.email'], 'the API error is shown at its field');
    await page.fill(`#${prefix}-contact-email`, ROLE_EMAIL);
    await page.fill(`#${prefix}-contact-phone`, '+420 974 851 700');
    await page.click(`#${prefix}-contact-submit`);
    await notice(page, 'admin.team.role_contact.saved');
    assert.match(await text(page, `#${prefix}-role-contact`), new RegExp(ROLE_EMAIL));
    await screenshot(page, 'admin-district-team-cs', { fullPage: true });
  });

  test('appoints a new municipal police officer from a date', async () => {
    const prefix = await seat(page, 'municipal_police_officer');
    const before = await text(page, `#${prefix}-holder-name`);
    await page.click(`#${prefix}-new > summary`);
    assert.match(await text(page, `#${prefix}-new-from-hint`), new RegExp(before), 'the form says the current holder ends that day');
    await page.fill(`#${prefix}-new-from`, '2001-01-01');
    await page.fill(`#${prefix}-new-name`, NEW_HOLDER);
    await page.click(`#${prefix}-new-submit`);
    await page.waitForSelector(`#${prefix}-new-from-error:not([hidden])`);
    assert.equal(await text(page, `#${prefix}-new-from-error`), cs['admin.team.error.from.invalid_input'], 'a start before the current holder is refused at the date');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
    await page.fill(`#${prefix}-new-from`, today);
    await page.click(`#${prefix}-new-submit`);
    await notice(page, 'admin.team.appointed', { name: NEW_HOLDER });
    assert.equal(await text(page, `#${prefix}-holder-name`), NEW_HOLDER);
    await page.click(`#${prefix}-history > summary`);
    assert.match(await text(page, `#${prefix}-history`), new RegExp(before), 'the former holder is in the history');
  });

  test('the public card shows the new data', async () => {
    const card = await publicCard(server.baseUrl, home.id);
    const police = card.team.find((m) => m.role.code === 'state_police_officer');
    assert.equal(police.holder.bio, BIO);
    assert.deepEqual(police.holder.office_hours, [{ weekday: 2, from: '14:00', to: '16:30', place: HOURS_PLACE }]);
    assert.ok(police.holder.photo, 'the photo is public');
    assert.equal(police.contact.email, ROLE_EMAIL);
    assert.equal(card.team.find((m) => m.role.code === 'municipal_police_officer').holder.name, NEW_HOLDER);

    await page.goto(`${server.baseUrl}/districts/${home.id}`);
    await page.waitForSelector('#district-card:not([hidden])');
    const policeCard = await text(page, '.team-member[data-role="state_police_officer"]');
    assert.ok(policeCard.includes(BIO.slice(0, 40)), 'the bio is on the card');
    assert.ok(policeCard.includes(HOURS_PLACE), 'the office hours are on the card');
    assert.ok(policeCard.includes(ROLE_EMAIL), 'the role contact is on the card');
    assert.ok(await page.isVisible('.team-member[data-role="state_police_officer"] img'), 'the photo is on the card');
    assert.ok((await text(page, '.team-member[data-role="municipal_police_officer"]')).includes(NEW_HOLDER));
  });

  test('removes a photo, ends a term; former holders keep their photo for staff', async () => {
    await page.goto(`${server.baseUrl}/admin/#/districts/${home.id}`);
    await view(page, 'district');
    // The new municipal officer: a photo uploaded, then removed again.
    const municipal = await seat(page, 'municipal_police_officer');
    await page.click(`#${municipal}-photo-box > summary`);
    await page.setInputFiles(`#${municipal}-photo`, { name: 'nova.png', mimeType: 'image/png', buffer: makePng(90, 120) });
    await page.click(`#${municipal}-photo-upload`);
    await notice(page, 'admin.team.photo.uploaded', { name: NEW_HOLDER });
    await page.waitForSelector(`#${municipal}-holder img.team-photo`);
    await page.click(`#${municipal}-photo-box > summary`);
    await page.click(`#${municipal}-photo-remove`);
    await notice(page, 'admin.team.photo.removed', { name: NEW_HOLDER });
    assert.equal(await page.$$eval(`#${municipal}-holder img`, (els) => els.length), 0, 'no photo any more');
    assert.equal(await text(page, `#${municipal}-holder .team-photo-none`), 'TN', 'initials instead');

    // The police officer (with the photo uploaded above) leaves today.
    const police = await seat(page, 'state_police_officer');
    const name = await text(page, `#${police}-holder-name`);
    await page.click(`#${police}-end > summary`);
    await page.fill(`#${police}-end-to`, '2001-01-01');
    await page.click(`#${police}-end-submit`);
    assert.equal(await text(page, `#${police}-end-to-error`), cs['admin.team.error.to'], 'a date before the start is caught');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
    await page.fill(`#${police}-end-to`, today);
    await page.click(`#${police}-end-submit`);
    await notice(page, 'admin.team.ended', { name });
    assert.equal(await text(page, `#${police}-vacant`), cs['admin.team.vacant']);
    await page.click(`#${police}-history > summary`);
    const former = `#${police}-history img.team-history-photo`;
    await page.waitForSelector(former);
    assert.match(await page.getAttribute(former, 'src'), /^\/api\/v1\/admin\/photos\/\d+\/[0-9a-f]{64}\.jpg$/, 'the staff URL');
    await page.waitForFunction((sel) => document.querySelector(sel)?.complete, former);
    assert.ok(await page.evaluate((sel) => document.querySelector(sel).naturalWidth > 0, former), 'a former holder\'s photo loads for staff');

    const card = await publicCard(server.baseUrl, home.id);
    assert.equal(card.team.find((m) => m.role.code === 'state_police_officer').holder, null, 'the seat is vacant on the public card');
    assert.equal(card.team.find((m) => m.role.code === 'municipal_police_officer').holder.photo, null);
  });
});

describe('district card editor: district officer', () => {
  let context;
  let page;

  before(async () => {
    ({ context, page } = await newPage(browser, server.baseUrl));
  });
  after(async () => {
    assert.deepEqual(page?.okrsekErrors ?? [], [], 'no uncaught errors in the page');
    await context?.close().catch(() => {});
  });

  test('lands on their one district and sees no appointing', async () => {
    await signIn(page, OFFICER);
    await view(page, 'district');
    await page.waitForSelector('#district-tab-team');
    assert.equal(await text(page, 'h1'), home.name, 'the only district opens at once');
    const prefix = await seat(page, 'councillor');
    assert.ok(await page.isVisible(`#${prefix}-edit > summary`), 'the profile can be edited');
    assert.ok(await page.isVisible(`#${prefix}-photo-box > summary`), 'the photo can be changed');
    for (const part of ['new', 'end', 'contact']) {
      assert.equal(await page.$$eval(`form[id$="-${part}-form"]`, (els) => els.length), 0, `no "${part}" form for a district officer`);
    }
    assert.equal(await text(page, '.team-section > .hint'), cs['admin.team.intro.card']);

    await page.click('[data-nav="districts"]');
    await view(page, 'districts');
    await page.waitForSelector('#district-lone');
    assert.equal(await page.$$eval('.district-row', (els) => els.length), 1, 'only their own district');
    assert.equal(await page.getAttribute('#district-lone-open', 'href'), `#/districts/${home.id}`);
    assert.equal(await page.$$eval('#districts-filter', (els) => els.length), 0, 'no filter for one district');
    await screenshot(page, 'admin-districts-lone-cs');
    await assertNoAxeViolations(page, 'one district');
  });

  test('another district shows a clear refusal, and the API refuses a forged change', async () => {
    await page.goto(`${server.baseUrl}/admin/#/districts/${other.id}`);
    await view(page, 'district');
    await page.waitForSelector('#district-refused');
    assert.equal(await text(page, '#district-refused h2'), cs['admin.district.not_allowed']);
    assert.equal(await page.$$eval('[role="tab"]', (els) => els.length), 0, 'no editor');

    const card = await publicCard(server.baseUrl, other.id);
    const holder = card.team.find((m) => m.holder)?.holder;
    assert.ok(holder, 'the other district has a holder');
    const own = await publicCard(server.baseUrl, home.id);
    const statuses = await page.evaluate(
      async ([holderId, homeId, roleId]) => {
        const { csrf_token: token } = await (await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' })).json();
        const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': token };
        const forged = await fetch(`/api/v1/admin/holders/${holderId}`, { method: 'PUT', headers, body: JSON.stringify({ name: 'Podvržené jméno' }) });
        const contact = await fetch(`/api/v1/admin/districts/${homeId}/roles/${roleId}/contact`, { method: 'PUT', headers, body: JSON.stringify({ email: 'x@example.org' }) });
        return [forged.status, contact.status];
      },
      [holder.id, home.id, own.team[0].role.id],
    );
    assert.deepEqual(statuses, [403, 403], 'another district\'s holder and an appointment on their own: both forbidden');
    const after = await publicCard(server.baseUrl, other.id);
    assert.equal(after.team.find((m) => m.holder?.id === holder.id).holder.name, holder.name, 'nothing changed');
  });

  test('the editor at phone width, axe-core clean, and in English', async () => {
    await page.goto(`${server.baseUrl}/admin/#/districts/${home.id}`);
    await view(page, 'district');
    const prefix = await seat(page, 'councillor');
    await page.click(`#${prefix}-edit > summary`);
    await page.click(`#${prefix}-photo-box > summary`);
    await assertNoAxeViolations(page, 'district editor (desktop)');

    await page.setViewportSize(PHONE.viewport);
    await sleep(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 375 px (${overflow} px too wide)`);
    await screenshot(page, 'admin-district-phone-cs', { fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'admin-district-phone-top-cs');
    await page.locator(`#${prefix}-profile-form .hours-editor`).scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-district-phone-hours-cs');
    await assertNoAxeViolations(page, 'district editor (phone)');

    await page.click('#lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await text(page, '#district-tab-team'), en['admin.district.tab.team']);
    assert.equal(await text(page, '#district-tab-meetings'), en['admin.district.tab.meetings']);
    assert.equal(await text(page, '[data-nav="districts"]'), en['admin.nav.districts']);
    assert.equal(await text(page, `#${prefix}-edit > summary`), en['admin.team.edit_profile']);
    assert.equal(await text(page, `label[for="${prefix}-profile-bio"]`), en['admin.team.field.bio']);
    const own = await publicCard(server.baseUrl, home.id);
    const roleName = own.team.find((m) => m.role.code === 'councillor').role.name.en;
    assert.equal(await text(page, `#${prefix}-title`), roleName, 'the role name follows the language');
    await screenshot(page, 'admin-district-phone-en', { fullPage: true });
    await page.click('#lang-switch');
    assert.equal(await text(page, '#district-tab-team'), cs['admin.district.tab.team']);
  });
});
