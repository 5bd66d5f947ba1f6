/**
 * What `GET /` answers when the web app has not been built (`dist/web` missing): a static
 * page saying how to build it. No script, no data; the web CSP applies.
 */
export const WEB_NOT_BUILT_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warroom</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>Warroom</h1>
<p>The web app is not built yet. Run <code>npm run build</code> (or <code>npm run build:web</code>) and restart
<code>warroom serve</code>.</p>
<p>The API answers meanwhile: see <a href="/openapi.json">/openapi.json</a>.</p>
</main>
</body>
</html>
`;
