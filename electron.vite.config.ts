import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { channelNames, eventNames } from './src-shared/contract';

// Entries point explicitly at our folders: the Electron shell and preload live in src-main/app,
// the renderer in src-renderer. Main is ESM; the preload must be CommonJS because sandboxed
// preloads cannot be ES modules.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/app/main.ts') } },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // The sandboxed preload cannot load zod, so the contract's names are baked in at build time:
    // the bridge forwards only channels and events the contract defines.
    define: {
      __FLUXDECK_CHANNELS__: JSON.stringify(channelNames),
      __FLUXDECK_EVENTS__: JSON.stringify(eventNames),
    },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/app/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [vue()],
    build: {
      // electron-vite leaves bundles unminified; the page parses less before the first table.
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
