// Serves the built web UI (web/dist) with a single-page-app fallback, or a small page pointing at the API
// when the UI has not been built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cloudward</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Cloudward</h1>
<p>The web UI is not built in this installation. The HTTP API is running:</p>
<ul>
<li><a href="/api/v1/health">/api/v1/health</a> (public)</li>
<li><code>/api/v1/openapi.json</code> (send <code>Authorization: Bearer &lt;token&gt;</code>)</li>
</ul>
</body></html>
`;

export function mountWeb(app: Express, webDir: string | null): void {
  const index = webDir ? path.join(webDir, 'index.html') : null;
  if (webDir && index && existsSync(index)) {
    // Vite names every file under assets/ by a hash of its content: a new build gets new names, so those files
    // never change and can be cached for a year without asking again. index.html (which names them) is
    // revalidated on every load, so a new release is picked up at once.
    app.use(
      '/assets',
      express.static(path.join(webDir, 'assets'), {
        index: false,
        maxAge: '365d',
        immutable: true,
      }),
    );
    app.use(express.static(webDir, { index: false, maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      // A missing asset (an old page asking for a chunk of the previous build) is a 404, not the page's HTML.
      if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/(api|assets)\//.test(req.path))
        return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
    return;
  }
  app.get('/', (_req: Request, res: Response) => {
    res.type('html').send(PLACEHOLDER_PAGE);
  });
}
