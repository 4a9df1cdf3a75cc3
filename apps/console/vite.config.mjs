import react from '@vitejs/plugin-react';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// The platform API serves the build under /console/ (apps/platform-api/src/console/serve-console.ts).
export default defineConfig({
  root: here,
  base: '/console/',
  plugins: [react()],
  // Wire types and their constants are shared with the server through the contracts library,
  // the one workspace library the console may import (it holds no server code).
  resolve: { alias: { '@storefront/contracts': join(here, '../../libs/contracts/src/index.ts') } },
  build: { outDir: join(here, '../../dist/console'), emptyOutDir: true, sourcemap: true },
  // `vite dev` talks to a platform API started by `npm start` on its default port.
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
