import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The page's texts live in src/locales/*.json and are set by src/i18n.ts. This plugin also writes
// the Czech (default) texts into the built index.html, so the page reads in Czech before any
// script runs: for people without JavaScript, search engines and a faster first paint.
function prerenderCzech(): Plugin {
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return {
    name: 'okrsek-prerender-cs',
    transformIndexHtml(html) {
      const cs = JSON.parse(readFileSync(new URL('./src/locales/cs.json', import.meta.url), 'utf8'));
      const text = (key: string) => {
        if (typeof cs[key] !== 'string') throw new Error(`index.html: no Czech text for "${key}"`);
        return escape(cs[key]);
      };
      return html
        .replace('<title></title>', `<title>${text('meta.title')}</title>`)
        .replace(/(<(\w+)[^>]*\sdata-i18n="([^"]+)"[^>]*>)(<\/\2>)/g, (_m, open, _tag, key, close) =>
          `${open}${text(key)}${close}`)
        .replace(/(<[^>]*\sdata-i18n-attr="([^"]+)"[^>]*>)/g, (tag: string, _open, spec: string) =>
          spec.split(';').reduce((result, pair) => {
            const [attr, key] = pair.split(':').map((s) => s.trim());
            const value = `${attr}="${text(key)}"`;
            const existing = new RegExp(`\\s${attr}="[^"]*"`);
            return existing.test(result)
              ? result.replace(existing, ` ${value}`)
              : result.replace(/(\s*\/?>)$/, ` ${value}$1`);
          }, tag));
    },
  };
}

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// The C++ server serves dist/ at "/" and answers /api/v1/*. During `npm run dev`, set
// OKRSEK_API (e.g. http://127.0.0.1:8080) to proxy the API to a running `okrsek serve`.
// Two pages: the public one (index.html) and the back office (admin/index.html, served at
// /admin/ and at every extension-less path under /admin).
export default defineConfig({
  base: './',
  plugins: [prerenderCzech()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        main: page('./index.html'),
        admin: page('./admin/index.html'),
        district: page('./district.html'),
        report: page('./report.html'),
        statistics: page('./statistics.html'),
      },
    },
  },
  experimental: {
    // The back office is served at any depth under /admin, so its page names its scripts and
    // styles from the root; relative names would break below /admin/x/.
    renderBuiltUrl(filename, { hostType, hostId }) {
      const html = hostId.replace(/\\/g, '/');
      if (hostType === 'html' && (html.includes('admin/') || html.endsWith('district.html'))) return '/' + filename;
      return undefined;
    },
  },
  server: {
    proxy: process.env.OKRSEK_API ? { '/api': process.env.OKRSEK_API } : undefined,
  },
});
