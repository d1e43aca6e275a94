// What a shopper sees while the database is away: a page that says so and tries again by itself
// (a meta refresh, so it needs no script), served by the proxy with a 503 and Retry-After.

export function busyPage(nonce: string, retryAfterSeconds: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${retryAfterSeconds}">
<title>Busy · Bazaar</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111827}h1{font-size:1.5rem}a{color:#1d4ed8}</style>
</head>
<body>
<main>
<h1>The shop is busy right now</h1>
<p>We couldn't load this page. It will try again by itself in a few seconds, or you can <a href="">try again now</a>.</p>
</main>
</body>
</html>`;
}
