import { defineConfig } from 'drizzle-kit';

// PostgreSQL migrations: `npm run db:generate:postgres` (the SQLite ones: drizzle.config.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './schema/postgres.ts',
  out: './schema/postgres-migrations',
});
