// HTTP to the foundation being imported: JSON requests with a timeout each, a few retries of what may pass (network
// errors, timeouts, 429 and 5xx), and errors that say which request failed and how.

export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface SourceSettings {
  /** per request */
  timeoutMs: number;
  /** attempts of a request that may pass on a retry */
  attempts: number;
  /** the first pause between attempts; doubled each time */
  retryDelayMs: number;
}

export const DEFAULT_SOURCE_SETTINGS: SourceSettings = { timeoutMs: 30_000, attempts: 3, retryDelayMs: 500 };

export interface SourceResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface SourceRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** a JSON body, or a form (URLSearchParams) */
  body?: unknown;
  /** statuses answered to the caller rather than thrown (401 to log in again) */
  accept?: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the answer says about its failure, in a line: a CF or CSM error's words, else the start of the body. */
function detailOf(body: unknown, text: string): string {
  const first = (Array.isArray(body) ? body[0] : (body as { errors?: unknown[] } | null)?.errors?.[0]) as Record<string, unknown> | undefined;
  const words = first && (first.detail ?? first.errorCause ?? first.title ?? first.description);
  if (typeof words === 'string' && words) return words;
  const plain = text.replace(/\s+/g, ' ').trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}...` : plain || '(empty body)';
}

export function sourceClient(settings: SourceSettings = DEFAULT_SOURCE_SETTINGS) {
  async function once(url: string, req: SourceRequest): Promise<SourceResponse | { retry: string }> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.body instanceof URLSearchParams) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = req.body.toString();
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { method: req.method ?? 'GET', headers, body, redirect: 'error', signal: AbortSignal.timeout(settings.timeoutMs) });
      text = await res.text();
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return { retry: `no answer within ${settings.timeoutMs / 1000} s` };
      return { retry: err.cause?.code ?? err.cause?.message ?? err.message };
    }
    let parsed: unknown = undefined;
    if (text.trim()) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (res.ok) throw new SourceError(`${req.method ?? 'GET'} ${url}: ${res.status} with a body that is not JSON: ${detailOf(undefined, text)}`);
      }
    }
    if (res.ok || req.accept?.includes(res.status)) return { status: res.status, headers: res.headers, body: parsed };
    const why = `${res.status} ${detailOf(parsed, text)}`;
    if (res.status === 429 || res.status >= 500) return { retry: why };
    throw new SourceError(`${req.method ?? 'GET'} ${url}: ${why}`);
  }

  return {
    settings,
    async request(url: string, req: SourceRequest = {}): Promise<SourceResponse> {
      let last = '';
      for (let attempt = 1; attempt <= settings.attempts; attempt++) {
        const outcome = await once(url, req);
        if (!('retry' in outcome)) return outcome;
        last = outcome.retry;
        if (attempt < settings.attempts) await sleep(settings.retryDelayMs * 2 ** (attempt - 1));
      }
      throw new SourceError(`${req.method ?? 'GET'} ${url}: ${last} (after ${settings.attempts} attempts)`);
    },
  };
}

export type SourceClient = ReturnType<typeof sourceClient>;
