// Builds the Recogito baseline page into .bench/reader-recogito (ignored by git).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../../.bench/reader-recogito', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
