// The baseline: a bare express 5 app answering a small JSON document, with the same settings as the gateway.
import express from 'express';

const DOCUMENT = {
  guid: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
  name: 'baseline',
  state: 'ok',
  created_at: '2026-01-01T00:00:00Z',
  links: { self: { href: 'http://127.0.0.1/baseline' } },
};

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.get('/', (_req, res) => {
  res.json(DOCUMENT);
});
app.listen(Number(process.env.PORT ?? 8081), process.env.HOST ?? '127.0.0.1');
