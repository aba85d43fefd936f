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
  const db = path.join(tmp, 'demo.db');
  await run(bin, ['demo', '--db', db], { cwd: SOURCE_DIR }, DEMO_TIMEOUT_MS);
  if (prepare) {
    await prepare((args, input = null) => run(bin, ['--db', db, ...args], { cwd: SOURCE_DIR }, LISTEN_TIMEOUT_MS, input));
  }
  const main = await serve(bin, db, webRoot, serveArgs);
  return {
    baseUrl: main.baseUrl,
    log: main.log,
    serveAnother: (extraArgs) => serve(bin, db, webRoot, extraArgs),
    async stop() {
      const result = await main.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
      return result;
    },
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
