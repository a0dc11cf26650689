import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiServer = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist' },
  server: {
    proxy: {
      '/api': apiServer,
      '/docs': apiServer,
      '/openapi.json': apiServer,
      '/healthz': apiServer,
    },
  },
});
