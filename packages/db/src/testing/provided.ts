// What the global setup hands to every test file (Vitest's `inject`).
declare module "vitest" {
  export interface ProvidedContext {
    bazaarTemplateDatabaseUrl: string;
  }
}

export {};
