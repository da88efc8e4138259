// Reading a CLM's CSM API as its own clients do: POST /csm/login (the session token comes back in the
// Authentication-Token header), POST /csm/ServiceOfferingInstance/search page by page (pageSize / pageNo, the
// SearchResults' totalRows), and GET /csm/ServiceOfferingInstance/<guid> for each instance found.
import { z } from 'zod';
import { SourceError, type SourceClient } from './sourceClient';

const Results = z.array(
  z
    .object({
      results: z.array(z.object({ guid: z.string().min(1) }).loose()),
      totalRows: z.number().int().min(0).optional(),
    })
    .loose(),
);

const Soi = z
  .object({
    guid: z.string().min(1),
    name: z.string(),
    ownerName: z.string().nullish(),
    tenant: z.string().nullish(),
    tenantName: z.string().nullish(),
    sharedUsers: z.array(z.string()).nullish(),
    serviceOfferingName: z.string().nullish(),
    servicePlanName: z.string().nullish(),
    createdTime: z.string().nullish(),
    modifiedTime: z.string().nullish(),
  })
  .loose();
export type SoiRecord = z.infer<typeof Soi>;

const param = (name: string, value: unknown, type = 'java.lang.Integer') => ({ name, value, type, multiplicity: '0..1' });

export class CsmSource {
  private token = '';
  constructor(
    readonly base: string,
    private readonly http: SourceClient,
    private readonly credentials: { username: string; password: string },
    private readonly pageSize = 500,
  ) {
    this.base = base.replace(/\/+$/, '').replace(/\/csm$/i, '');
  }

  async login(): Promise<void> {
    const url = `${this.base}/csm/login`;
    const res = await this.http.request(url, { method: 'POST', body: this.credentials });
    const token = res.headers.get('authentication-token');
    if (!token) throw new SourceError(`POST ${url}: no Authentication-Token in the answer`);
    this.token = token;
  }

  /** A CSM call with the session, logging in again once when the session has ended. */
  private async call(url: string, body?: unknown): Promise<unknown> {
    const send = () => this.http.request(url, { method: body === undefined ? 'GET' : 'POST', body, headers: { 'authentication-token': this.token }, accept: [401] });
    let res = await send();
    if (res.status === 401) {
      await this.login();
      res = await send();
    }
    if (res.status === 401) throw new SourceError(`${body === undefined ? 'GET' : 'POST'} ${url}: 401 the session is refused`);
    return res.body;
  }

  /** Pages of instance guids, oldest first; then each instance read whole. Yields one page of instances at a time. */
  async *pages(): AsyncGenerator<{ total: number; resources: SoiRecord[] }> {
    const url = `${this.base}/csm/ServiceOfferingInstance/search`;
    let total: number | undefined;
    let read = 0;
    for (let pageNo = 0; ; pageNo++) {
      const body = {
        callbackURL: '',
        timeout: -1,
        operationParams: [param('pageSize', this.pageSize), param('pageNo', pageNo), { ...param('fillFields', ['guid', 'name'], 'java.lang.String'), multiplicity: '0..*' }],
      };
      const parsed = Results.safeParse(await this.call(url, body));
      if (!parsed.success || parsed.data.length === 0) throw new SourceError(`POST ${url} (pageNo ${pageNo}): not a SearchResults answer`);
      const results = parsed.data[0]!;
      total ??= results.totalRows;
      if (results.results.length > this.pageSize) throw new SourceError(`POST ${url} (pageNo ${pageNo}): ${results.results.length} results on a page of ${this.pageSize}`);
      const resources: SoiRecord[] = [];
      for (const { guid } of results.results) {
        const one = Soi.array().safeParse(await this.call(`${this.base}/csm/ServiceOfferingInstance/${encodeURIComponent(guid)}`));
        if (!one.success || !one.data[0]) throw new SourceError(`GET ${this.base}/csm/ServiceOfferingInstance/${guid}: not a ServiceOfferingInstance`);
        resources.push(one.data[0]);
      }
      read += resources.length;
      if (total !== undefined && read > total + this.pageSize) throw new SourceError(`POST ${url}: the pages hold more instances (${read}) than totalRows says (${total})`);
      if (resources.length > 0) yield { total: total ?? read, resources };
      if (resources.length < this.pageSize || (total !== undefined && read >= total)) return;
    }
  }
}
