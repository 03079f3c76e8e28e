import { configDefaults, defineConfig } from 'vitest/config';

// test/office needs LibreOffice on the machine: `npm run test:office` runs it (CI installs it).
export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/office/**'],
  },
});
