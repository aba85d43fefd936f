// The iCalendar feeds of the demo town read by a real parser (Mozilla's ical.js): a district's
// feed and the town's, from `okrsek serve` on a fresh demo database. Every event of the JSON
// API is in the feed with the same UID, SEQUENCE, title and instant, its times in
// Europe/Prague through the feed's own VTIMEZONE; the cancelled meeting is CANCELLED; lines
// end in CRLF and fold at 75 octets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { startServer } from './harness.mjs';

const PRAHA = 554782;

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  if (!server) return;
  const exit = await server.stop();
  assert.equal(exit.code, 0, `okrsek serve exit: ${JSON.stringify(exit)}`);
});

async function getJson(path) {
  const response = await fetch(server.baseUrl + path);
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return response.json();
}

/** Every event of a listing (both windows, all pages are one page here). */
async function allEvents(path) {
  const upcoming = await getJson(`${path}?when=upcoming&limit=100`);
  const past = await getJson(`${path}?when=past&limit=100`);
  return [...upcoming.events, ...past.events];
}

/** Fetches a feed, checks its headers and octets, parses it with ical.js. */
async function readFeed(path) {
  const response = await fetch(server.baseUrl + path);
  assert.equal(response.status, 200, path);
  assert.equal(response.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]{16}"$/);
  assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
  const text = await response.text();
  const bytes = Buffer.from(text, 'utf8');
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  const lines = text.split('\r\n');
  assert.equal(lines.pop(), '');
  for (const line of lines) {
    assert.ok(!line.includes('\n') && !line.includes('\r'), `bare line break in ${line}`);
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `longer than 75 octets: ${line}`);
    assert.ok(!line.includes('\uFFFD'), `a fold split a character: ${line}`);
  }
  assert.equal(bytes.toString('utf8'), text);
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
  const zones = calendar.getAllSubcomponents('vtimezone');
  assert.equal(zones.length, 1);
  assert.equal(zones[0].getFirstPropertyValue('tzid'), 'Europe/Prague');
  // The feed brings its own zone definition: register it as a calendar app would.
  ICAL.TimezoneService.register(zones[0]);
  const events = new Map();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    events.set(event.uid, { event, vevent });
  }
  return { calendar, events, text };
}

/** "+01:00" → 3600. */
function offsetSeconds(iso) {
  const match = /([+-])(\d\d):(\d\d)$/.exec(iso);
  assert.ok(match, iso);
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

function checkEvent(feed, json) {
  const found = feed.events.get(json.uid);
  assert.ok(found, `event ${json.id} (${json.title}) is missing from the feed`);
  const { event, vevent } = found;
  assert.equal(event.summary, json.title);
  assert.equal(vevent.getFirstPropertyValue('sequence'), json.sequence);
  assert.equal(event.startDate.toJSDate().getTime(), Date.parse(json.starts_at), json.title);
  assert.equal(event.endDate.toJSDate().getTime(), Date.parse(json.ends_at), json.title);
  // Wall-clock time in Prague: the same hours and offset as the API's local time.
  assert.equal(event.startDate.zone.tzid, 'Europe/Prague', json.title);
  assert.equal(event.startDate.utcOffset(), offsetSeconds(json.starts_at), json.title);
  assert.equal(event.startDate.hour, Number(json.starts_at.slice(11, 13)), json.title);
  const status = vevent.getFirstPropertyValue('status');
  assert.equal(status, json.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED', json.title);
  if (json.status === 'cancelled') {
    assert.ok(event.description.startsWith(`ZRUŠENO: ${json.cancel_reason}`), event.description);
  } else {
    assert.equal(event.description, json.agenda);
  }
  if (json.position) {
    const geo = vevent.getFirstPropertyValue('geo');
    assert.deepEqual(geo.map((v) => Number(v.toFixed(6))), [json.position.lat, json.position.lon]);
  }
  assert.ok(event.location.startsWith(json.place_name), event.location);
}

describe('iCalendar feeds of the demo town', () => {
  test('the district feed holds the district and town-wide events, one cancelled', async () => {
    const town = await allEvents(`/api/v1/towns/${PRAHA}/events`);
    const cancelled = town.find((e) => e.status === 'cancelled' && e.district);
    assert.ok(cancelled, 'the demo has a cancelled district meeting');
    const districtId = cancelled.district.id;
    const expected = await allEvents(`/api/v1/districts/${districtId}/events`);
    assert.ok(expected.some((e) => e.scope === 'town'), 'a town-wide event reaches the district');
    assert.ok(expected.some((e) => e.minutes), 'a past meeting with minutes');

    const feed = await readFeed(`/api/v1/districts/${districtId}/events.ics`);
    assert.equal(feed.calendar.getFirstPropertyValue('x-wr-calname'), cancelled.district.name);
    assert.equal(feed.events.size, expected.length);
    for (const json of expected) checkEvent(feed, json);
    const walk = feed.events.get(cancelled.uid);
    assert.equal(walk.vevent.getFirstPropertyValue('status'), 'CANCELLED');
    assert.match(walk.vevent.getFirstPropertyValue('url'), new RegExp(`/districts/${districtId}#event-${cancelled.id}$`));
    // Nothing of other districts.
    const others = town.filter((e) => e.district && e.district.id !== districtId);
    assert.ok(others.length > 0);
    for (const other of others) assert.ok(!feed.events.has(other.uid), other.title);
  });

  test('the town feed holds every event of the town in Prague time', async () => {
    const town = await allEvents(`/api/v1/towns/${PRAHA}/events`);
    const feed = await readFeed(`/api/v1/towns/${PRAHA}/events.ics`);
    assert.equal(feed.calendar.getFirstPropertyValue('x-wr-calname'), 'Praha');
    assert.equal(feed.events.size, town.length);
    for (const json of town) checkEvent(feed, json);
    const statuses = [...feed.events.values()].map(({ vevent }) => vevent.getFirstPropertyValue('status'));
    assert.ok(statuses.includes('CANCELLED'));
    assert.ok(statuses.includes('CONFIRMED'));
    // The same feed twice: the same ETag (a calendar app's poll costs nothing).
    const again = await fetch(`${server.baseUrl}/api/v1/towns/${PRAHA}/events.ics`);
    const first = await fetch(`${server.baseUrl}/api/v1/towns/${PRAHA}/events.ics`);
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
  });
});
