import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/renderer',
  // Relative, so the hall's console finds its files under a county cluster's /halls/<id>/ as well as at a terminal's root.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    manifest: true,
    // The pinyin dictionary is one lazy chunk of about 1.7 MB (0.75 MB compressed), fetched only when someone types Chinese.
    chunkSizeWarningLimit: 2000,
  },
});
