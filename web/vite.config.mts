import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Pages are chunks of their own (React.lazy in App.tsx). Vendor code in chunks that change only when a
        // dependency does, so a new release of the app's own code leaves them in the browser's cache: React for
        // every page, recharts (with its d3 and redux helpers) for the chart pages, React Flow for the graph page.
        // A higher priority claims a module first; what both libraries use lands in the shared group.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
            {
              name: 'vendor-shared',
              test: /node_modules[\\/](use-sync-external-store|d3-(color|interpolate|timer|ease|dispatch))[\\/]/,
              priority: 3,
            },
            { name: 'recharts', test: /node_modules[\\/]recharts[\\/]/, priority: 2 },
            { name: 'react-flow', test: /node_modules[\\/]@xyflow[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
