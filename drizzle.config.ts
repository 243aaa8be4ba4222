import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  // One schema file per area (schema.ts, schema-campaigns.ts, schema-service.ts …), one migration history.
  schema: './src/store/schema*.ts',
  out: './migrations',
});
