// Builds the renderer into dist/renderer. Relative asset paths ('./') let the same build load from the
// web host and from the desktop app's custom protocol.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The polyfill would be bundled anyway, but Chromium (web and Electron) needs none.
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
