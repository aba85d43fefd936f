// Browser test of the district card editor's places, priorities and meetings sections
// (web/src/admin/district_places.ts, district_priorities.ts, district_events.ts) against the real
// `okrsek serve` and its demo database: a district officer adds, moves, edits and deletes an
// info box on the map; adds a priority and takes it to an evaluated completion tied to a past
// meeting; adds meetings (in Prague time from a browser in another zone), records minutes,
// cancels one; the public card shows the result; the town-wide meeting and another district's
// priority stay out of reach (hidden in the page, 403 from the API). axe-core on every section
// and a phone-width screenshot.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PHONE, axeViolations, formatViolations, launchBrowser, loadLocale, newPage, screenshot, startServer } from './harness.mjs';

const cs = loadLocale('cs');

const TOWN = 554782;
const OFFICER = { email: 'okrskar@example.org', name: 'Petr Okrskář', password: 'Zelený-kopec-nad-řekou-41' };
const MANAGER = { email: 'prevence@example.org', name: 'Marta Prevenční', password: 'Tichá-louka-u-lesa-58' };
// Náměstí Míru: a district the demo gives priorities and meetings (agenda_demo.cpp).
const VINOHRADY = { lat: 50.0754, lon: 14.43785 };

let server;
let browser;
const contexts = [];
let districtId; // the officer's district: the demo's first district
let otherDistrictId;

const prague = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Prague',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The Prague date `days` from today, "YYYY-MM-DD". */
function pragueDay(days) {
  return prague.format(new Date(Date.now() + days * 86_400_000));
}

async function api(path) {
  const response = await fetch(server.baseUrl + path);
  assert.equal(response.status, 200, `${path} answers 200`);
  return response.json();
}

/** The ids of the districts layer's areas, from a backup of the demo database. */
function districtIds(dump) {
  let layerId = null;
  let table = null;
  const ids = [];
  for (const line of dump.split('\n')) {
    if (!line.startsWith('{') && !line.startsWith('[')) continue;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (!Array.isArray(value)) {
      table = value.table ?? null;
      continue;
    }
    if (table === 'layers' && value[1] === 'districts') layerId = value[0];
    if (table === 'areas' && layerId !== null && value[1] === layerId) ids.push(value[0]);
  }
  return ids.sort((a, b) => a - b);
}

before(async () => {
  server = await startServer({
    prepare: async (okrsek) => {
      const ids = districtIds(await okrsek(['backup', '-']));
      assert.ok(ids.length > 100, `the demo has its districts (${ids.length})`);
      districtId = ids[0];
      await okrsek(
        ['user', 'add', OFFICER.email, '--name', OFFICER.name, '--role', 'district_municipal_officer', '--scope', `district:${districtId}`, '--password-stdin'],
        OFFICER.password + '\n',
      );
      await okrsek(
        ['user', 'add', MANAGER.email, '--name', MANAGER.name, '--role', 'prevention_manager', '--scope', `municipality:${TOWN}`, '--password-stdin'],
        MANAGER.password + '\n',
      );
    },
  });
  const lookup = await api(`/api/v1/lookup?lat=${VINOHRADY.lat}&lon=${VINOHRADY.lon}`);
  otherDistrictId = lookup.areas.find((a) => a.layer === 'districts')?.id;
  assert.ok(otherDistrictId && otherDistrictId !== districtId, 'Vinohrady is another district');
  browser = await launchBrowser();
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  if (server) {
    const { code, signal } = await server.stop();
    assert.equal(signal, null, `okrsek serve was killed by ${signal}:\n${server.log()}`);
    assert.equal(code, 0, `okrsek serve exited with ${code}:\n${server.log()}`);
  }
});

/** A signed-in page; the browser runs in New York so that Prague times cannot come from its zone. */
async function signedIn(user, options = {}) {
  const { context, page } = await newPage(browser, server.baseUrl, { timezoneId: 'America/New_York', ...options });
  contexts.push(context);
  await page.goto(server.baseUrl + '/admin/');
  await page.waitForSelector('#login-email');
  await page.fill('#login-email', user.email);
  await page.fill('#login-password', user.password);
  await page.click('#login-submit');
  await page.waitForSelector('#admin-bar:not([hidden])', { timeout: 15_000 });
  return page;
}

async function openTab(page, id, tab) {
  await page.evaluate((hash) => (window.location.hash = hash), `#/districts/${id}/${tab}`);
  await page.waitForSelector(`#district-panel-${tab}:not([hidden]) [data-section]`, { timeout: 15_000 });
}

/** Clicks `selector` (a submit button) and waits for the page-wide notice `key`. */
async function submit(page, selector, key) {
  await page.evaluate(() => delete document.getElementById('admin-notice').dataset.notice);
  await page.click(selector);
  await page.waitForFunction((k) => document.getElementById('admin-notice')?.dataset.notice === k, key, { timeout: 15_000 });
}

async function assertAxe(page, label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label}: accessibility violations:\n${formatViolations(violations)}`);
}

/** A state-changing API call from the page's session (with its CSRF token). */
async function pageCall(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const csrf = await (await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' })).json();
      const response = await fetch(p, {
        method: m,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf.csrf_token },
        body: JSON.stringify(b),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    [method, path, body],
  );
}

describe('district card editor: places, priorities, meetings', () => {
  let page;
  const PLACE = 'Informační tabule u školy';
  const PLACE_EDITED = 'Informační tabule u ZŠ Korunní';
  const PRIORITY = 'Parkování na chodníku v Korunní';
  const PAST = 'Setkání s občany';
  const UPCOMING = 'Veřejné setkání s okrskáři';
  const CANCELLED = 'Procházka okrskem';

  test('a district officer opens the places of the district', async () => {
    page = await signedIn(OFFICER);
    await openTab(page, districtId, 'places');
    await page.waitForSelector('#place-map[data-ready="true"]', { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll('#place-kind option').length > 1);
    assert.equal((await page.textContent('#places-heading')).trim(), cs['admin.places.heading']);
    const kinds = await page.$$eval('#place-kind option', (options) => options.map((o) => o.value));
    assert.ok(kinds.includes('info_box') && kinds.includes('municipal_police_station'), `the town's kinds: ${kinds}`);
    for (const id of ['place-name', 'place-lon', 'place-lat', 'place-kind']) {
      assert.ok(await page.$eval(`#${id}`, (el) => el.required && Boolean(document.querySelector(`label[for="${el.id}"].required`))), `${id} is marked required`);
    }
    await assertAxe(page, 'places');
  });

  test('adds an info box by clicking the map', async () => {
    await page.selectOption('#place-kind', 'info_box');
    await page.fill('#place-name', PLACE);
    await page.fill('#place-hours', 'nonstop');
    // Submitting without a point marks the coordinates.
    await page.click('#place-submit');
    assert.equal(await page.getAttribute('#place-lon', 'aria-invalid'), 'true', 'the missing longitude is marked');
    const box = await page.$eval('#place-map', (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.click(box.x, box.y);
    await page.waitForSelector('.place-map-pick');
    const lon = Number(await page.inputValue('#place-lon'));
    const lat = Number(await page.inputValue('#place-lat'));
    assert.ok(lon > 14 && lon < 15 && lat > 49.9 && lat < 50.2, `a point in Prague was picked: ${lon}, ${lat}`);
    await screenshot(page, 'admin-agenda-places', { fullPage: true });
    await submit(page, '#place-submit', 'admin.places.created');
    await page.waitForSelector(`#places-table tr:has-text("${PLACE}")`);
    const { places } = await api(`/api/v1/districts/${districtId}/places?limit=100`);
    const stored = places.find((p) => p.name === PLACE);
    assert.ok(stored, 'the API lists the new place');
    assert.equal(stored.kind.code, 'info_box');
    assert.equal(stored.district_id, districtId);
    assert.equal(stored.opening_hours, 'nonstop');
    assert.ok(Math.abs(stored.position.lon - lon) < 1e-6 && Math.abs(stored.position.lat - lat) < 1e-6, 'stored where clicked');
  });

  test('edits it: drags the marker and renames it', async () => {
    const before = (await api(`/api/v1/districts/${districtId}/places?limit=100`)).places.find((p) => p.name === PLACE);
    await page.click(`#places-table tr:has-text("${PLACE}") .place-edit`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'place-name', 'the form has the focus');
    assert.ok(await page.isDisabled('#place-kind'), 'the kind cannot change');
    await page.waitForSelector('.place-map-pick');
    const marker = await page.$eval('.place-map-pick', (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.bottom - 3 };
    });
    await page.mouse.move(marker.x, marker.y);
    await page.mouse.down();
    await page.mouse.move(marker.x + 20, marker.y + 10, { steps: 5 });
    await page.mouse.move(marker.x + 40, marker.y + 20, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction((old) => Number(document.getElementById('place-lon').value) !== old, before.position.lon);
    const lon = Number(await page.inputValue('#place-lon'));
    assert.ok(lon > before.position.lon, 'dragging east raised the longitude');
    await page.fill('#place-name', PLACE_EDITED);
    await page.fill('#place-address', 'Korunní 8, Vinohrady');
    await submit(page, '#place-submit', 'admin.places.saved');
    await page.waitForSelector(`#places-table tr:has-text("${PLACE_EDITED}")`);
    const after = (await api(`/api/v1/districts/${districtId}/places?limit=100`)).places.find((p) => p.id === before.id);
    assert.equal(after.name, PLACE_EDITED);
    assert.equal(after.address, 'Korunní 8, Vinohrady');
    assert.ok(Math.abs(after.position.lon - lon) < 1e-6, 'the dragged point was stored');
  });

  test('deletes it after a confirmation', async () => {
    const row = `#places-table tr:has-text("${PLACE_EDITED}")`;
    await page.click(`${row} summary`);
    assert.ok(await page.isVisible(`${row} .place-delete-confirm`));
    await submit(page, `${row} .place-delete-confirm`, 'admin.places.deleted');
    await page.waitForSelector(row, { state: 'detached' });
    const { places } = await api(`/api/v1/districts/${districtId}/places?limit=100`);
    assert.ok(!places.some((p) => p.name === PLACE_EDITED), 'the place is gone');
  });

  test('creates meetings in Prague time, records minutes and cancels one', async () => {
    await openTab(page, districtId, 'meetings');
    await page.waitForSelector('#events-upcoming:not([aria-busy]) .event-item');
    assert.match(await page.getAttribute('#events-feed', 'href'), new RegExp(`/api/v1/districts/${districtId}/events\\.ics$`));
    // The town-wide meeting of the demo is shown read only.
    const town = await page.$$eval('#events-upcoming .event-item[data-scope="town"]', (items) => items.map((i) => ({ id: Number(i.dataset.eventId), editable: Boolean(i.querySelector('form')) })));
    assert.ok(town.length >= 1, 'the town-wide meeting is listed');
    assert.ok(town.every((t) => !t.editable), 'town-wide meetings have no forms for a district officer');
    assert.equal(await page.$('#event-new-town'), null, 'no town-wide option for a district officer');
    await assertAxe(page, 'meetings');

    async function create(title, day, from, to) {
      await page.click('#event-new > summary');
      await page.selectOption('#event-new-kind', 'public_meeting');
      await page.fill('#event-new-title', title);
      await page.fill('#event-new-place', 'Klubovna Korunní');
      await page.fill('#event-new-starts', `${day}T${from}`);
      await page.fill('#event-new-ends', `${day}T${to}`);
      await submit(page, '#event-new-form button[type="submit"]', 'admin.events.created');
    }
    // Prague's clock changes: the spring gap is refused here, the autumn's repeated hour asks
    // which one; a year the API refuses comes back as a message on the field.
    await page.click('#event-new > summary');
    await page.fill('#event-new-title', 'Zkouška');
    await page.fill('#event-new-place', 'Klubovna Korunní');
    await page.fill('#event-new-starts', '2027-03-28T02:30');
    await page.fill('#event-new-ends', '2027-03-28T04:00');
    await page.click('#event-new-form button[type="submit"]');
    assert.equal((await page.textContent('#event-new-starts-error')).trim(), cs['admin.events.error.gap']);
    assert.ok(!(await page.isVisible('#event-new-starts-offset')), 'no choice outside the repeated hour');
    await page.fill('#event-new-starts', '2026-10-25T02:30');
    assert.ok(await page.isVisible('#event-new-starts-offset'), 'the repeated hour asks which one');
    await page.fill('#event-new-starts', '1999-05-01T10:00');
    await page.fill('#event-new-ends', '1999-05-01T12:00');
    await page.click('#event-new-form button[type="submit"]');
    await page.waitForSelector('#event-new-starts-error:not([hidden])');
    assert.equal((await page.textContent('#event-new-starts-error')).trim(), cs['admin.events.error.starts_at'], 'the API error is shown at its field');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'event-new-starts', 'the field has the focus');
    await page.click('#event-new > summary');

    await create(PAST, pragueDay(-3), '17:00', '18:30');
    await create(UPCOMING, pragueDay(7), '17:30', '19:00');
    await create(CANCELLED, pragueDay(8), '18:00', '19:00');

    const upcoming = (await api(`/api/v1/districts/${districtId}/events?when=upcoming`)).events;
    const meeting = upcoming.find((e) => e.title === UPCOMING);
    assert.ok(meeting, 'the upcoming meeting is stored');
    assert.match(meeting.starts_at, new RegExp(`^${pragueDay(7)}T17:30:00\\+0[12]:00$`), `Prague wall-clock time: ${meeting.starts_at}`);
    const past = (await api(`/api/v1/districts/${districtId}/events?when=past`)).events.find((e) => e.title === PAST);
    assert.ok(past, 'the past meeting is stored');

    // Minutes of the past meeting.
    const pastItem = `#events-past .event-item[data-event-id="${past.id}"]`;
    await page.waitForSelector(pastItem);
    await page.click(`${pastItem} .event-minutes > summary`);
    await page.fill(`#event-${past.id}-minutes-text`, 'Přišlo 23 lidí, hlavní téma parkování.');
    await page.fill(`#event-${past.id}-minutes-attendance`, '23');
    await submit(page, `#event-${past.id}-minutes-form button[type="submit"]`, 'admin.events.minutes.saved');
    const withMinutes = await api(`/api/v1/events/${past.id}`);
    assert.equal(withMinutes.attendance ?? withMinutes.event?.attendance, 23);

    // Cancel one, with a reason (required).
    const toCancel = upcoming.find((e) => e.title === CANCELLED);
    const item = `#events-upcoming .event-item[data-event-id="${toCancel.id}"]`;
    await page.click(`${item} .event-cancel > summary`);
    await page.click(`#event-${toCancel.id}-cancel-form button[type="submit"]`);
    assert.equal(await page.getAttribute(`#event-${toCancel.id}-cancel-reason`, 'aria-invalid'), 'true', 'the reason is required');
    await page.fill(`#event-${toCancel.id}-cancel-reason`, 'Nemoc strážníka, náhradní termín oznámíme.');
    await submit(page, `#event-${toCancel.id}-cancel-form button[type="submit"]`, 'admin.events.cancelled');
    await page.waitForSelector(`${item}[data-status="cancelled"]`);
    await screenshot(page, 'admin-agenda-meetings', { fullPage: true });
    const cancelled = await api(`/api/v1/events/${toCancel.id}`);
    assert.equal(cancelled.status ?? cancelled.event?.status, 'cancelled');
  });

  test('adds a priority and takes it to an evaluated completion', async () => {
    await openTab(page, districtId, 'priorities');
    await page.waitForSelector('#priority-list:not([aria-busy])', { state: 'attached' });
    await page.waitForSelector('#priority-new');
    await page.click('#priority-new > summary');
    await page.fill('#priority-new-title', PRIORITY);
    await page.fill('#priority-new-description', 'Auta parkují na chodníku a kočárky neprojedou.');
    await page.selectOption('#priority-new-source', 'public_meeting');
    assert.equal(await page.getAttribute('#priority-new-raised', 'max'), pragueDay(0), 'no date after today');
    const past = (await api(`/api/v1/districts/${districtId}/events?when=past`)).events.find((e) => e.title === PAST);
    await page.selectOption('#priority-new-meeting', String(past.id));
    await page.fill('#priority-new-raised', pragueDay(-3));
    await submit(page, '#priority-new-form button[type="submit"]', 'admin.priorities.created');
    const { priorities } = await api(`/api/v1/districts/${districtId}/priorities`);
    const priority = priorities.find((p) => p.title === PRIORITY);
    assert.ok(priority, 'the priority is stored');
    assert.equal(priority.status, 'open');
    assert.equal(priority.source_event_id, past.id);
    assert.equal(priority.raised_on, pragueDay(-3));
    const item = `.priority-item[data-priority-id="${priority.id}"]`;
    await page.waitForSelector(item);
    await assertAxe(page, 'priorities');

    // open → in progress
    await page.click(`${item} .priority-status > summary`);
    await page.selectOption(`#priority-${priority.id}-status-to`, 'in_progress');
    await submit(page, `#priority-${priority.id}-status-form button[type="submit"]`, 'admin.priorities.status.changed');
    await page.waitForSelector(`${item}[data-status="in_progress"]`);
    // the action taken, by an edit
    await page.click(`${item} .priority-edit > summary`);
    await page.fill(`#priority-${priority.id}-edit-action`, 'Strážníci kontrolují Korunní každé ráno.');
    await submit(page, `#priority-${priority.id}-edit-form button[type="submit"]`, 'admin.priorities.saved');
    // in progress → completed
    await page.click(`${item} .priority-status > summary`);
    await page.selectOption(`#priority-${priority.id}-status-to`, 'action_completed');
    await submit(page, `#priority-${priority.id}-status-form button[type="submit"]`, 'admin.priorities.status.changed');
    await page.waitForSelector(`${item}[data-status="action_completed"]`);
    // evaluation at the past meeting
    await page.click(`${item} .priority-evaluate > summary`);
    const offered = await page.$$eval(`#priority-${priority.id}-evaluation-meeting option`, (options) => options.map((o) => o.value));
    assert.ok(offered.includes(String(past.id)), 'the past meeting is offered');
    await page.selectOption(`#priority-${priority.id}-evaluation-meeting`, String(past.id));
    assert.equal(await page.inputValue(`#priority-${priority.id}-evaluation-on`), pragueDay(-3), "the meeting's day is proposed");
    await page.fill(`#priority-${priority.id}-evaluation-on`, pragueDay(0));
    await page.selectOption(`#priority-${priority.id}-evaluation-outcome`, 'partly');
    await page.fill(`#priority-${priority.id}-evaluation-text`, 'Aut na chodníku ubylo, ráno je ale stále vidět.');
    await submit(page, `#priority-${priority.id}-evaluation-form button[type="submit"]`, 'admin.priorities.evaluation.saved');
    await page.waitForSelector(`${item} .priority-evaluation.outcome-partly`);

    const full = await api(`/api/v1/priorities/${priority.id}`);
    const stored = full.priority ?? full;
    assert.equal(stored.status, 'action_completed');
    assert.equal(stored.action_taken, 'Strážníci kontrolují Korunní každé ráno.');
    assert.deepEqual(
      { outcome: stored.evaluation.outcome, event_id: stored.evaluation.event_id, evaluated_on: stored.evaluation.evaluated_on },
      { outcome: 'partly', event_id: past.id, evaluated_on: pragueDay(0) },
    );
    assert.deepEqual(
      stored.history.map((h) => h.to),
      ['open', 'in_progress', 'action_completed'],
    );
    // The history is shown on request.
    await page.click(`${item} .priority-history-toggle > summary`);
    await page.waitForSelector(`${item} .history-list li:nth-child(3)`);
    await screenshot(page, 'admin-agenda-priorities', { fullPage: true });
  });

  test('the public card shows the priority and the meeting', async () => {
    const { context, page: card } = await newPage(browser, server.baseUrl);
    contexts.push(context);
    await card.goto(`${server.baseUrl}/districts/${districtId}`);
    await card.waitForSelector('#district-card:not([hidden])');
    const priorities = await card.$$eval('.priority-title', (nodes) => nodes.map((n) => n.textContent));
    assert.ok(priorities.includes(PRIORITY), `the card lists the priority: ${priorities}`);
    const meetings = await card.$$eval('.meeting-title', (nodes) => nodes.map((n) => n.textContent));
    assert.ok(meetings.includes(UPCOMING), `the card lists the meeting: ${meetings}`);
  });

  test("the town's meetings and another district's priorities are out of reach", async () => {
    const { events } = await api(`/api/v1/districts/${districtId}/events?when=upcoming`);
    const townWide = events.find((e) => e.scope === 'town');
    const patched = await pageCall(page, 'PATCH', `/api/v1/admin/events/${townWide.id}`, { title: 'Přejmenováno' });
    assert.equal(patched.status, 403, 'a district officer cannot edit a town-wide meeting');

    const { priorities } = await api(`/api/v1/districts/${otherDistrictId}/priorities`);
    assert.ok(priorities.length > 0, 'the demo gives Vinohrady priorities');
    const other = await pageCall(page, 'PATCH', `/api/v1/admin/priorities/${priorities[0].id}`, { title: 'Přejmenováno' });
    assert.equal(other.status, 403, "another district's priority cannot be edited");
    const created = await pageCall(page, 'POST', `/api/v1/admin/districts/${otherDistrictId}/priorities`, {
      title: 'x',
      description: 'x',
      source: 'other',
      raised_on: pragueDay(0),
    });
    assert.equal(created.status, 403, "nothing can be added to another district's card");

    await page.evaluate((hash) => (window.location.hash = hash), `#/districts/${otherDistrictId}/priorities`);
    await page.waitForSelector('#district-refused', { timeout: 15_000 });
    assert.equal(await page.$('[data-section="priorities"] form'), null, 'no forms for another district');
  });

  test('a town-wide prevention manager may edit the town-wide meeting', async () => {
    const manager = await signedIn(MANAGER);
    await openTab(manager, districtId, 'meetings');
    await manager.waitForSelector('#events-upcoming:not([aria-busy]) .event-item[data-scope="town"]');
    assert.ok(await manager.$('#event-new-town'), 'the town-wide option is offered');
    const editable = await manager.$$eval('#events-upcoming .event-item[data-scope="town"]', (items) => items.every((i) => Boolean(i.querySelector('.event-edit form'))));
    assert.ok(editable, 'town-wide meetings have their forms');
  });

  test('works at phone width', async () => {
    const phone = await signedIn(OFFICER, PHONE);
    await openTab(phone, districtId, 'priorities');
    await phone.waitForSelector('.priority-item');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling on priorities (${overflow}px)`);
    await screenshot(phone, 'admin-agenda-priorities-phone', { fullPage: true });
    await openTab(phone, districtId, 'places');
    await phone.waitForSelector('#place-map[data-ready="true"]');
    const placesOverflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(placesOverflow <= 1, `no sideways scrolling on places (${placesOverflow}px)`);
    await screenshot(phone, 'admin-agenda-places-phone', { fullPage: true });
    await openTab(phone, districtId, 'meetings');
    await phone.waitForSelector('#events-upcoming .event-item');
    await screenshot(phone, 'admin-agenda-meetings-phone', { fullPage: true });
    await assertAxe(phone, 'meetings at phone width');
  });
});
