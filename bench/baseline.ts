// The baselines: a bare express 5 app with the same settings as the gateway. `/` answers a small JSON document;
// `/same/:id` answers, on each request, JSON.stringify of a body the gateway sent for scenario `id` (a list page, a
// single resource), so that a path's ratio to it shows what sharegate's own work costs beyond sending those bytes.
import express from 'express';
import fs from 'node:fs';

const DOCUMENT = {
  guid: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
  name: 'baseline',
  state: 'ok',
  created_at: '2026-01-01T00:00:00Z',
  links: { self: { href: 'http://127.0.0.1/baseline' } },
};

/** Bodies by scenario id, parsed once; each request serialises its body again, as the gateway does. */
const samples: Record<string, unknown> = process.env.BASELINE_SAMPLES ? (JSON.parse(fs.readFileSync(process.env.BASELINE_SAMPLES, 'utf8')) as Record<string, unknown>) : {};

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.get('/', (_req, res) => {
  res.json(DOCUMENT);
});
app.get('/same/:id', (req, res) => {
  const body = samples[req.params.id];
  if (body === undefined) res.status(404).json({ error: 'no sample' });
  else res.json(body);
});
app.listen(Number(process.env.PORT ?? 8081), process.env.HOST ?? '127.0.0.1');
