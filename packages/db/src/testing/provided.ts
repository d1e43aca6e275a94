// What the global setup hands to every test file (Vitest's `inject`).
declare module "vitest" {
  export interface ProvidedContext {
    bazaarTemplateDatabaseUrl: string;
    /** Part of every test database's name, so the run can drop what it made. */
    bazaarTestRunId: string;
  }
}

export {};
