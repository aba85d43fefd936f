// Test harness: builds the demo database with the real okrsek binary, starts `okrsek serve` on
// 127.0.0.1:0, and drives Debian's Chromium with playwright-core (never a downloaded browser).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS_DIR = path.join(here, 'artifacts');
export const SOURCE_DIR = process.env.OKRSEK_SOURCE_DIR || path.resolve(here, '..', '..');

export const CHROMIUM_PATH = process.env.OKRSEK_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const DEMO_TIMEOUT_MS = 180_000;
const LISTEN_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/** The page's own message catalogues, so tests compare against what users should see. */
export function loadLocale(lang) {
  const file = path.join(SOURCE_DIR, 'web', 'src', 'locales', `${lang}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Run through CTest (ctest -L e2e), or set OKRSEK_BIN, ` +
        'OKRSEK_WEB_ROOT and OKRSEK_SOURCE_DIR yourself.',
    );
  }
  return value;
}

function describeExit(code, signal) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/**
 * Runs a command to completion; rejects with its output when it fails or takes too long.
 * `input`, when given, is written to its standard input.
 */
async function run(cmd, args, options, timeoutMs, input = null) {
  const child = spawn(cmd, args, { ...options, stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== null) child.stdin.end(input);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${describeExit(code, signal)}):\n${output}`);
  }
  return output;
}

/**
 * Starts `okrsek serve --db DB --listen 127.0.0.1:0 --web-root WEB [extra…]` and waits for its
 * "listening on http://127.0.0.1:PORT" line. Returns { baseUrl, stop(), log() }; stop() sends
 * SIGTERM and resolves to the exit { code, signal } (the tests assert a clean 0).
 */
async function serve(bin, db, webRoot, extraArgs = []) {
  const server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-root', webRoot, ...extraArgs], {
    cwd: SOURCE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  const exited = once(server, 'exit');

  const baseUrl = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: server.stdout });
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`no "listening on" line within ${LISTEN_TIMEOUT_MS} ms:\n${log}`));
    }, LISTEN_TIMEOUT_MS);
    lines.on('line', (line) => {
      log += line + '\n';
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`okrsek serve ended before listening (${describeExit(code, signal)}):\n${log}`));
    });
  });

  async function stop() {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const [code, signal] = await exited;
    clearTimeout(timer);
    return { code, signal };
  }
  return { baseUrl, stop, log: () => log };
}

/**
 * The real server on a fresh demo database: `okrsek demo --db TMP/demo.db` (from the repo's
 * data/demo files), then `okrsek serve`. Returns { baseUrl, stop(), log(), serveAnother(args) };
 * serveAnother starts a second server on the same database with extra options (stopped by
 * its own stop()). stop() also removes the temporary folder.
 *
 * Options: `serveArgs`, extra options of the main `okrsek serve`; `prepare(okrsek)`, run
 * before the server starts, where `okrsek(args, input)` runs the binary with
 * `--db DB args…` (and `input` on its standard input), e.g. to add users.
 */
export async function startServer({ serveArgs = [], prepare = null } = {}) {
  if (process.env.OKRSEK_E2E_URL) {
    // Debugging aid only: point the tests at a server you started yourself.
    const baseUrl = process.env.OKRSEK_E2E_URL.replace(/\/$/, '');
    return { baseUrl, stop: async () => ({ code: 0, signal: null }), log: () => '', serveAnother: null };
  }
  const bin = requireEnv('OKRSEK_BIN');
  const webRoot = requireEnv('OKRSEK_WEB_ROOT');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`${webRoot}/index.html is missing: build the page first (cd web && npm ci && npm run build)`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okrsek-e2e-'));
  const engine = E2E_ENGINE;
  let db = path.join(tmp, 'demo.db');
  let keyArgs = [];
  let dropDatabase = async () => {};
  if (engine === 'postgresql') {
    const pg = await createPgDatabase();
    db = pg.uri;
    dropDatabase = pg.drop;
    // PostgreSQL has no file beside the database for the key: every command is given one.
    const keyFile = path.join(tmp, 'server.key');
    await run(bin, ['key', 'generate', keyFile], { cwd: SOURCE_DIR }, LISTEN_TIMEOUT_MS);
    keyArgs = ['--secret-key-file', keyFile];
  }
  await run(bin, ['demo', '--db', db, ...keyArgs], { cwd: SOURCE_DIR }, DEMO_TIMEOUT_MS);
  if (prepare) {
    await prepare((args, input = null) =>
      run(bin, ['--db', db, ...keyArgs, ...args], { cwd: SOURCE_DIR }, LISTEN_TIMEOUT_MS, input),
    );
  }
  const main = await serve(bin, db, webRoot, [...keyArgs, ...serveArgs]);
  return {
    baseUrl: main.baseUrl,
    log: main.log,
    engine,
    serveAnother: (extraArgs) => serve(bin, db, webRoot, [...keyArgs, ...extraArgs]),
    async stop() {
      const result = await main.stop();
      await dropDatabase();
      fs.rmSync(tmp, { recursive: true, force: true });
      return result;
    },
  };
}

/** The engine of this run: OKRSEK_E2E_ENGINE=postgresql (CTest's `…_pg` tests) or SQLite. */
export const E2E_ENGINE = process.env.OKRSEK_E2E_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';

/**
 * A fresh database on the shared PostgreSQL cluster that CTest's fixture pg_cluster started
 * (its state file: OKRSEK_PG_STATE_FILE, lines `key=value` with `uri` of the maintenance
 * database). Returns { uri, drop() }.
 */
async function createPgDatabase() {
  const stateFile = requireEnv('OKRSEK_PG_STATE_FILE');
  const state = Object.fromEntries(
    fs
      .readFileSync(stateFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  if (!state.uri) throw new Error(`${stateFile} names no uri`);
  const psql = path.join(process.env.OKRSEK_PG_BIN || '/usr/lib/postgresql/15/bin', 'psql');
  const name = `e2e_${crypto.randomBytes(6).toString('hex')}`;
  const sql = (statement) => run(psql, ['-q', '-v', 'ON_ERROR_STOP=1', '-d', state.uri, '-c', statement], {}, LISTEN_TIMEOUT_MS);
  await sql(`CREATE DATABASE ${name}`);
  return {
    uri: state.uri.replace(/\/postgres$/, `/${name}`),
    drop: () => sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * A fresh context (own localStorage) and page. Any request that is not for the test server
 * (map tiles, say) is aborted, as in CI where there is no network. Uncaught page errors are
 * collected in page.okrsekErrors.
 */
export async function openPage(browser, baseUrl, options = {}) {
  const { path: pagePath = '/', ...contextOptions } = options;
  const { context, page } = await newPage(browser, baseUrl, contextOptions);
  await page.goto(baseUrl + pagePath);
  await waitForMapReady(page);
  return { context, page };
}

/** A fresh context and page as openPage makes them, before any navigation. */
export async function newPage(browser, baseUrl, contextOptions = {}) {
  const context = await browser.newContext({ ...DESKTOP, ...contextOptions });
  const origin = new URL(baseUrl).origin;
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.okrsekErrors = [];
  page.okrsekBlocked = blocked;
  page.on('pageerror', (err) => page.okrsekErrors.push(String(err)));
  return { context, page };
}

export async function waitForMapReady(page) {
  await page.waitForFunction(() => document.getElementById('map')?.dataset.ready === 'true', null, { timeout: 30_000 });
}

/** Viewport pixel of a WGS 84 point on the Leaflet map (after centring the map on it). */
export async function pixelFor(page, lat, lon, zoom = 15) {
  return page.evaluate(
    ([la, lo, z]) => {
      const map = window.__okrsekMap;
      map.setView([la, lo], z, { animate: false });
      const p = map.latLngToContainerPoint([la, lo]);
      const r = map.getContainer().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    },
    [lat, lon, zoom],
  );
}

/** Waits until the result panel leaves the loading state; returns its final data-state. */
export async function waitForResult(page, state = 'result') {
  await page.waitForFunction((s) => document.getElementById('result')?.dataset.state === s, state, { timeout: 15_000 });
}

/** { layerName: shown value } from the result panel. */
export async function shownAreas(page) {
  return page.$$eval('#result .result-row', (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.layer, r.querySelector('dd')?.textContent?.trim() ?? ''])),
  );
}

let axeSource = null;

/** Runs axe-core in the page; returns its violations (empty when the page passes). */
export async function axeViolations(page) {
  if (!axeSource) {
    const axePath = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
    axeSource = fs.readFileSync(axePath, 'utf8');
  }
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) {
    try {
      await page.addScriptTag({ content: axeSource });
    } catch (err) {
      // okrsek serve sends "Content-Security-Policy: default-src 'self'", which (rightly)
      // blocks inline <script> tags; evaluating through the DevTools protocol is not subject
      // to it. The page itself keeps running under its real CSP.
      if (!/Content Security Policy/i.test(String(err))) throw err;
      await page.evaluate(axeSource);
    }
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}

export function formatViolations(violations) {
  return violations
    .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`).join('\n'))
    .join('\n');
}

/** Waits until the map has finished any zoom/pan animation (screenshots mid-zoom look wrong). */
export async function mapSettled(page) {
  await page.waitForFunction(() => {
    const map = window.__okrsekMap;
    return !map || (!map._animatingZoom && !map.getContainer().classList.contains('leaflet-zoom-anim') && !(map._panAnim && map._panAnim._inProgress));
  });
  await page.waitForTimeout(300);
}

/** Saves artifacts/NAME.png of the viewport (or, with { fullPage: true }, the whole page). */
export async function screenshot(page, name, { fullPage = false } = {}) {
  await mapSettled(page);
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** RFC 4648 base32 (the alphabet A–Z 2–7; padding and spaces ignored) to bytes. */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${JSON.stringify(ch)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export const TOTP_STEP_S = 30;

/** The TOTP time step (RFC 6238) of a moment. */
export function totpStep(atMs = Date.now()) {
  return Math.floor(atMs / 1000 / TOTP_STEP_S);
}

/** A 6-digit TOTP code (RFC 6238: HMAC-SHA1, 30 s steps, RFC 4226 dynamic truncation). */
export function totpCode(secretBase32, step = totpStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

// ---- SMTP sink (tests/support/smtp_sink_main.cpp) for tests that read the e-mails sent ----

/** The okrsek_smtp_sink executable: $OKRSEK_SMTP_SINK, else beside OKRSEK_BIN's build tree. */
function smtpSinkPath() {
  if (process.env.OKRSEK_SMTP_SINK) return process.env.OKRSEK_SMTP_SINK;
  let dir = path.dirname(requireEnv('OKRSEK_BIN'));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'tests', 'okrsek_smtp_sink');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('okrsek_smtp_sink not found: build it (target okrsek_smtp_sink) or set OKRSEK_SMTP_SINK');
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const m = soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3));
    if (m) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeaderWords(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_m, b64) => Buffer.from(b64, 'base64').toString('utf8'))
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_m, q) => decodeQuotedPrintable(q.replace(/_/g, ' ')));
}

/** One stored .eml as { file, from, to: [...], headers: {lowercase: value}, subject, text }. */
function parseSinkMessage(file) {
  const raw = fs.readFileSync(file, 'utf8');
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = {};
  const to = [];
  let from = '';
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-sink-rcpt-to') to.push(value);
    else if (name === 'x-sink-mail-from') from = value;
    else headers[name] = value;
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return { file, from, to, headers, subject: decodeHeaderWords(headers.subject ?? ''), text: text.replace(/\r\n/g, '\n') };
}

/**
 * Starts `okrsek_smtp_sink DIR` on a free port. Returns { port, serveArgs, messages(),
 * waitFor(predicate, timeoutMs), stop() }: serveArgs are the `okrsek serve` options that send
 * the outbox there at once (no TLS, polling every second); messages() parses what arrived so
 * far; waitFor resolves to the first message the predicate accepts.
 */
export async function startSmtpSink() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrsek-sink-'));
  const sink = spawn(smtpSinkPath(), [dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(sink, 'exit');
  let output = '';
  sink.stderr.on('data', (d) => (output += d));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`smtp sink did not start:\n${output}`)), LISTEN_TIMEOUT_MS);
    readline.createInterface({ input: sink.stdout }).on('line', (line) => {
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`smtp sink ended (${describeExit(code, signal)}):\n${output}`));
    });
  });
  const messages = () =>
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.eml'))
      .sort()
      .map((name) => parseSinkMessage(path.join(dir, name)));
  return {
    port,
    serveArgs: ['--smtp-url', `smtp://127.0.0.1:${port}`, '--smtp-tls', 'off', '--smtp-from', 'okrsek@example.org', '--outbox-poll-seconds', '1'],
    messages,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages().find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = messages().map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n');
          throw new Error(`no such e-mail within ${timeoutMs} ms; the sink has:\n${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      if (sink.exitCode === null && sink.signalCode === null) sink.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small valid PNG (RGB): enough for the server to decode and re-encode. */
export function testPng(width, height) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([200, 40 + y, 60 + x], y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- crime incidents (issue 7) for the statistics pages ----------------------------------

/**
 * Imports a crime code list and incidents through the CLI, inside startServer's `prepare`:
 * `rows` are incidents { id, lon, lat, date (ISO 8601 with offset), types: [codes] }, written
 * to a Policie ČR CSV (one line per incident and type); `types` is the code list
 * (tests/data/crime/types.csv unless given); `sensitive` type codes are marked sensitive.
 * Returns the output of `okrsek import incidents`.
 */
export async function importIncidents(okrsek, { rows, types = path.join(SOURCE_DIR, 'tests', 'data', 'crime', 'types.csv'), sensitive = [] }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrsek-crime-'));
  try {
    await okrsek(['import', 'crime-codes', types, '--list', 'types']);
    if (sensitive.length) await okrsek(['import', 'crime-codes', '--mark-sensitive', ...sensitive.map(String)]);
    const lines = ['id,x,y,mp,date,state,relevance,types'];
    for (const r of rows) {
      for (const type of r.types) lines.push(`${r.id},${r.lon.toFixed(6)},${r.lat.toFixed(6)},False,${r.date},1,4,${type}`);
    }
    const file = path.join(dir, 'incidents.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return await okrsek(['import', 'incidents', file]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
