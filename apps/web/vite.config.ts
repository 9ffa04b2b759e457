/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run web:dev` proxies the API and Keycloak to a running gateway (`npm start`'s, unless told).
const gateway = process.env.CLINIC_GATEWAY_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: { main: resolve(import.meta.dirname, 'index.html'), silentRenew: resolve(import.meta.dirname, 'silent-renew.html') },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': gateway, '/auth': gateway },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
