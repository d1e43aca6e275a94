// Vitest runs server modules outside React's server environment, where the real `server-only`
// throws on import by design. Next.js builds still use the real package.
export {};
