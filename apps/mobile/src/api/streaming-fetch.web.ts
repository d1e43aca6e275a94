// Browsers' fetch streams response bodies already.
export const streamingFetch: typeof fetch = (input, init) => fetch(input, init);
