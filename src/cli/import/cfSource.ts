// Reading a Cloud Foundry v3 API (Cloud Controller, Korifi, another sharegate) page by page, as the cf CLI does:
// log in at the UAA the root document names, then follow `pagination.next.href` from the first page to the last.
// Each page is checked whole (its shape, and that `next` stays on the same list and moves forward) before any of its
// records is handed on, so a source that pages wrongly stops the import with an error between two records.
import { z } from 'zod';
import { SourceError, type SourceClient } from './sourceClient';

export type CfCredentials = { token: string } | { username: string; password: string } | { clientId: string; clientSecret: string };

const Page = z.object({
  pagination: z.object({
    total_results: z.number().int().min(0),
    next: z.object({ href: z.string() }).nullable().optional(),
  }),
  resources: z.array(z.record(z.string(), z.unknown())),
});

const Root = z.object({ links: z.object({ login: z.object({ href: z.string() }).nullish(), uaa: z.object({ href: z.string() }).nullish() }).loose() }).loose();
const Token = z.object({ access_token: z.string().min(1), token_type: z.string().default('bearer') }).loose();

export interface CfPage {
  /** what the source says the whole list holds */
  total: number;
  resources: Record<string, unknown>[];
}

export class CfSource {
  private auth = '';
  constructor(
    readonly base: string,
    private readonly http: SourceClient,
    private readonly credentials: CfCredentials,
    private readonly perPage = 5000,
  ) {
    this.base = base.replace(/\/+$/, '');
  }

  /** Gets a token (password or client_credentials grant at the source's UAA), or takes the one given. */
  async login(): Promise<void> {
    if ('token' in this.credentials) {
      this.auth = /^bearer /i.test(this.credentials.token) ? this.credentials.token : `bearer ${this.credentials.token}`;
      return;
    }
    const root = Root.safeParse((await this.http.request(`${this.base}/`)).body);
    const login = root.success ? (root.data.links.login?.href ?? root.data.links.uaa?.href) : undefined;
    if (!login) throw new SourceError(`GET ${this.base}/: the root document names no login (links.login.href); give --token instead`);
    const password = 'username' in this.credentials;
    const form = password
      ? new URLSearchParams({ grant_type: 'password', username: this.credentials.username, password: this.credentials.password })
      : new URLSearchParams({ grant_type: 'client_credentials' });
    const basic = password ? 'cf:' : `${this.credentials.clientId}:${this.credentials.clientSecret}`;
    const url = `${login.replace(/\/+$/, '')}/oauth/token`;
    const res = await this.http.request(url, { method: 'POST', body: form, headers: { authorization: `Basic ${Buffer.from(basic).toString('base64')}` } });
    const token = Token.safeParse(res.body);
    if (!token.success) throw new SourceError(`POST ${url}: the answer holds no access_token`);
    this.auth = `${token.data.token_type} ${token.data.access_token}`;
  }

  /** GET of an API path (or absolute URL under the source), logging in again once when the token has expired. */
  async get(pathOrUrl: string): Promise<unknown> {
    const url = pathOrUrl.startsWith('/') ? `${this.base}${pathOrUrl}` : pathOrUrl;
    const send = () => this.http.request(url, { headers: { authorization: this.auth }, accept: [401] });
    let res = await send();
    if (res.status === 401 && !('token' in this.credentials)) {
      await this.login();
      res = await send();
    }
    if (res.status === 401) throw new SourceError(`GET ${url}: 401 the source does not accept the credentials`);
    return res.body;
  }

  /**
   * A GET that the source may refuse for this record (parameters a broker does not serve, credentials the token may
   * not read): the JSON object, or undefined when refused.
   */
  async getOptional(path: string): Promise<Record<string, unknown> | undefined> {
    const url = `${this.base}${path}`;
    const res = await this.http.request(url, { headers: { authorization: this.auth }, accept: [400, 403, 404, 422, 502] });
    const ok = res.status < 300 && res.body !== null && typeof res.body === 'object' && !Array.isArray(res.body);
    return ok ? (res.body as Record<string, unknown>) : undefined;
  }

  /** A path's next page address, re-based onto the source's base URL; checked to stay on the same list and move on. */
  private nextUrl(path: string, href: string, current: URL, seen: Set<string>): string {
    let next: URL;
    try {
      next = new URL(href, this.base);
    } catch {
      throw new SourceError(`GET ${current}: pagination.next.href is not a URL: ${href}`);
    }
    const expected = new URL(`${this.base}${path}`).pathname;
    if (next.pathname !== expected) throw new SourceError(`GET ${current}: pagination.next.href leaves the list (${next.pathname}, expected ${expected})`);
    const rebased = new URL(`${this.base}${next.pathname.slice(new URL(this.base).pathname.replace(/\/+$/, '').length)}${next.search}`);
    const page = Number(next.searchParams.get('page') ?? NaN);
    const was = Number(current.searchParams.get('page') ?? 1);
    if (seen.has(rebased.search) || (!Number.isNaN(page) && page <= was)) throw new SourceError(`GET ${current}: pagination.next.href goes back to a page already read (${href})`);
    seen.add(rebased.search);
    return rebased.toString();
  }

  /**
   * The pages of a list, one at a time (the next is asked for while the caller works on this one): memory holds two
   * pages, however long the list.
   */
  async *pages(path: string, query: Record<string, string> = {}): AsyncGenerator<CfPage> {
    const first = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries({ per_page: String(this.perPage), order_by: 'created_at', ...query })) first.searchParams.set(k, v);
    const seen = new Set<string>([first.search]);
    const fetchPage = async (url: URL): Promise<{ page: CfPage; next: URL | null }> => {
      const parsed = Page.safeParse(await this.get(url.toString()));
      if (!parsed.success) throw new SourceError(`GET ${url}: not a v3 list page (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
      const next: URL | null = parsed.data.pagination.next?.href ? new URL(this.nextUrl(path, parsed.data.pagination.next.href, url, seen)) : null;
      if (next && parsed.data.resources.length === 0) throw new SourceError(`GET ${url}: an empty page that names a next page`);
      return { page: { total: parsed.data.pagination.total_results, resources: parsed.data.resources }, next };
    };
    let pending: Promise<{ page: CfPage; next: URL | null }> | null = fetchPage(first);
    let read = 0;
    while (pending) {
      const got: { page: CfPage; next: URL | null } = await pending;
      const { page, next } = got;
      pending = next ? fetchPage(next) : null;
      // keep the prefetch from being reported unhandled if the caller stops early
      pending?.catch(() => undefined);
      read += page.resources.length;
      if (read > page.total + this.perPage) throw new SourceError(`GET ${this.base}${path}: the pages hold more records (${read}) than total_results says (${page.total})`);
      yield page;
    }
  }
}
