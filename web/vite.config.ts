import { defineConfig } from 'vite';

// The C++ server serves dist/ at "/" and answers /api/v1/*. During `npm run dev`, set
// OKRSEK_API (e.g. http://127.0.0.1:8080) to proxy the API to a running `okrsek serve`.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: process.env.OKRSEK_API ? { '/api': process.env.OKRSEK_API } : undefined,
  },
});
