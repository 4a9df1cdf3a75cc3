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
  build: { outDir: join(here, '../../dist/console'), emptyOutDir: true, sourcemap: true },
  // `vite dev` talks to a platform API started by `npm start` on its default port.
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
