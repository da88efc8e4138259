// GET /openapi/<dialect>.json (each dialect's OpenAPI 3.1 document, built from the app's own routes on the first call)
// and GET /docs (Swagger UI, its assets served from the swagger-ui-dist package: no CDN, no validator badge, no
// telemetry).
import fs from 'node:fs';
import path from 'node:path';
import express, { type Application, type Request, type Router } from 'express';
import type { DialectDoc } from '../http/apiDoc';
import { errorMiddleware, route, type Handler, type Reply } from '../http/route';
import { openApiDocument, routesOf } from './openApiDocument';
import { OpsError, renderOpsError } from './renderOpsError';

const r = (handler: Handler) => route(renderOpsError, handler);

/** The Swagger UI files sharegate serves, with their types. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

const assetDir = () => path.dirname(require.resolve('swagger-ui-dist/package.json'));

const page = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="stylesheet" href="/docs/index.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const initScript = (docs: readonly DialectDoc[]) => `window.onload = function () {
  window.ui = SwaggerUIBundle({
    urls: ${JSON.stringify(docs.map((d) => ({ url: `/openapi/${d.dialect}.json`, name: d.dialect })))},
    'urls.primaryName': new URLSearchParams(location.search).get('urls.primaryName') || ${JSON.stringify(docs[0]?.dialect ?? '')},
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout'
  });
};
`;

/** The dialects' documents, by dialect name, for the app whose routes they describe. */
export function apiDocuments(app: Application, docs: readonly DialectDoc[]): Map<string, Record<string, unknown>> {
  return new Map(docs.map((d) => [d.dialect, openApiDocument(d, routesOf(app, d.dialect), '/')]));
}

export function apiDocsRouter(docs: readonly DialectDoc[]): Router {
  const router = express.Router();
  let built: Map<string, Record<string, unknown>> | undefined;
  // the routes are all registered once the app serves requests; the documents are built on the first call
  const documentOf = (req: Request, name: string) => (built ??= apiDocuments(req.app, docs)).get(name);
  router.get(
    '/openapi/:file',
    r((req) => {
      const m = /^(.+)\.json$/.exec(String(req.params.file));
      const doc = m ? documentOf(req, m[1]!) : undefined;
      if (!doc) throw new OpsError(404, 'not_found', `No such document; there are ${docs.map((d) => `/openapi/${d.dialect}.json`).join(', ')}`);
      return { status: 200, body: doc };
    }),
  );

  const assets = new Map<string, string>();
  const asset = (name: string): Reply => {
    const type = ASSETS[name];
    if (!type) throw new OpsError(404, 'not_found', `No such file under /docs: ${name}`);
    let text = assets.get(name);
    if (text === undefined) {
      // Swagger UI's bundles point at source maps sharegate does not serve
      text = fs.readFileSync(path.join(assetDir(), name), 'utf8').replace(/\n\/\*?# sourceMappingURL=\S+\s*$/, '\n');
      assets.set(name, text);
    }
    return { status: 200, text, contentType: type, headers: { 'Cache-Control': 'public, max-age=3600' } };
  };
  const init = initScript(docs);
  router.get(
    '/docs',
    r(() => ({ status: 200, text: page('sharegate API documents'), contentType: 'text/html; charset=utf-8' })),
  );
  router.get(
    '/docs/init.js',
    r(() => ({ status: 200, text: init, contentType: 'text/javascript; charset=utf-8' })),
  );
  router.get(
    '/docs/:file',
    r((req) => asset(String(req.params.file))),
  );
  router.use(['/openapi', '/docs'], errorMiddleware(renderOpsError));
  return router;
}
