import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Read without throwing: `prisma generate` needs no database (ENVIRONMENT.md, pitfall 2).
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
