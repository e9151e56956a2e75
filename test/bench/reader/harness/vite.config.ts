// Builds the reader harness into .bench/reader-harness (ignored by git).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [svelte()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../../.bench/reader-harness', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
