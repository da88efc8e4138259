// The flows of the public CLM clients, sending their exact JSON and reading the answers the way they do:
// the Go client (ubuhut/goclm) and the Ruby client (fbreton/RPMCLMInt, RestClient).
import { ADMIN_PASSWORD, csmWorld, PASSWORD, startCsmGateway } from '../../helpers/csm';
import type { TestGateway } from '../../helpers/testGateway';
import { queryRows } from '../../helpers/testDatabase';

/** Go's encoding/json into the client's structs: a member present with another JSON type fails the decode. */
const GO_TASK_FIELDS: Record<string, 'string' | 'int' | 'bool'> = {
  cloudclass: 'string',
  classname: 'string',
  creationtime: 'string',
  guid: 'string',
  operationname: 'string',
  taskinternaluuid: 'string',
  taskstate: 'string',
  tasksubstate: 'string',
  taskprogress: 'int',
  taskstatusuri: 'string',
  transactionid: 'string',
  errors: 'string',
  iscallout: 'bool',
  iserror: 'bool',
  issuccess: 'bool',
};
function goUnmarshalTasks(text: string): Record<string, unknown>[] {
  const parsed = JSON.parse(text) as Record<string, unknown>[];
  if (!Array.isArray(parsed)) throw new Error('json: cannot unmarshal object into Go value of type []main.clm_resp');
  for (const item of parsed) {
    for (const [key, value] of Object.entries(item)) {
      const want = GO_TASK_FIELDS[key.toLowerCase()];
      if (!want || value === null) continue;
      const ok = want === 'string' ? typeof value === 'string' : want === 'bool' ? typeof value === 'boolean' : Number.isInteger(value);
      if (!ok) throw new Error(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go struct field clm_resp.${key} of type ${want}`);
    }
  }
  return parsed;
}

describe('CLM client flows', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startCsmGateway({ PUBLIC_URL: 'http://clm-pm.example.org:7070' });
    await csmWorld(t);
  });
  afterAll(() => t.close());

  it('Go client (goclm): Authenticate, ServiceCreate through /serviceofferinginstance/bulkcreate, GetTask on TaskStatusURI until COMPLETED', async () => {
    // Authenticate: POST url+"/login", token = resp.Header["Authentication-Token"]
    const auth = await t.http
      .post('/csm/login')
      .set('Content-Type', 'application/json')
      .send('{"username":"enduser1","password":"' + PASSWORD + '"}');
    expect(auth.status).toBe(200);
    const raw = (auth as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders;
    const rawNames = raw.filter((_, i) => i % 2 === 0);
    expect(rawNames).toContain('Authentication-Token');
    const token = auth.headers['authentication-token'] as string;
    const offering = (await t.http.post('/csm/ServiceOffering/search').set('Authentication-Token', token).send({})).body[0].results[0];
    // ServiceCreate: json.MarshalIndent(sr2, "", "    ") of ServiceRequest2
    const sr2 = {
      operationParams: [
        {
          name: 'serviceOfferingID',
          value: { cloudClass: 'com.bmc.cloud.model.beans.ServiceOffering', guid: offering.guid, reconciliationID: offering.reconciliationID },
          type: 'com.bmc.cloud.model.beans.ServiceOffering',
          multiplicity: '1',
        },
        { name: 'quantity', value: 1, type: 'java.lang.Integer', multiplicity: '1' },
        { name: 'username', value: 'enduser1', type: 'java.lang.String', multiplicity: '0..1' },
        { name: 'password', value: 'guest-secret', type: 'java.lang.String', multiplicity: '0..1' },
        { name: 'hostnamePrefix', value: 'web', type: 'java.lang.String', multiplicity: '0..1' },
        { name: 'tenant', value: 'Calbro', type: 'java.lang.String', multiplicity: '0..1' },
        { name: 'name', value: 'go-service', type: 'java.lang.String', multiplicity: '0..1' },
      ],
      timeout: 0,
      user: 'enduser1',
      preCallout: '',
      postCallout: '',
      callbackURL: '',
      alreadyTraversedGlobalRegistry: false,
      alreadyTraversedLocalRegistry: false,
    };
    const created = await t.http
      .post('/csm/serviceofferinginstance/bulkcreate')
      .set('Authentication-Token', token)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(sr2, null, 4));
    expect(created.status).toBe(200);
    const cresp = goUnmarshalTasks(created.text);
    expect(cresp.length).toBeGreaterThan(0);
    const url = cresp[0]!.taskStatusURI as string;
    expect(url.startsWith('http://clm-pm.example.org:7070/csm/')).toBe(true);
    // GetTask(url) until TaskState is FAILED or COMPLETED (the client sleeps 10 s between polls)
    let state = '';
    for (let i = 0; i < 50 && state !== 'FAILED' && state !== 'COMPLETED'; i++) {
      const res = await t.http.get(new URL(url).pathname).set('Authentication-Token', token).set('Content-Type', 'application/json');
      state = goUnmarshalTasks(res.text)[0]!.taskState as string;
      if (state !== 'COMPLETED') await new Promise((r) => setTimeout(r, 20));
    }
    expect(state).toBe('COMPLETED');
    // the guest password is never kept with the task
    expect(JSON.stringify(await queryRows(t.gateway.store, 'SELECT input FROM operations'))).not.toContain('guest-secret');
  });

  it('Ruby client (RPMCLMInt): login, get_offeringlist, service_provision up to its task wait, share, transfer, service_decommission, logout', async () => {
    const base = '/csm';
    // @authentication_token, set by login
    const client = { authenticationToken: '' };
    // call_service: RestClient resource.post(payload, "Authentication-Token" => token, :content_type => "application/json"); only 200 accepted
    const callService = async (isPost: boolean, action: string, payload: string | null) => {
      const r = isPost
        ? t.http
            .post(`${base}${action}`)
            .set('Content-Type', 'application/json')
            .set('Authentication-Token', client.authenticationToken)
            .send(payload ?? '')
        : t.http.get(`${base}${action}`).set('Content-Type', 'application/json').set('Authentication-Token', client.authenticationToken);
      const response = await r;
      if (response.status !== 200) throw new Error(`${response.status} error executing call`);
      return response;
    };
    const request = async (method: 'GET' | 'POST', uri: string, reqbody: unknown = {}) => {
      const response = await callService(method === 'POST', uri, method === 'POST' ? JSON.stringify(reqbody) : null);
      const outerArray = JSON.parse(response.text) as Record<string, unknown>[];
      if (Object.hasOwn(outerArray[0]!, 'errorCause')) throw new Error(`${outerArray[0]!.errorID}: ${outerArray[0]!.errorCause}`);
      return outerArray[0]!;
    };
    // wait_task_completed (the latest version): GET until `results` is there, then parse every element as
    // `<prefix>:<json>` and return the first ServiceOfferingInstance
    const waitTaskCompleted = async (uri: string) => {
      for (;;) {
        const result = await request('GET', uri);
        if (Object.hasOwn(result, 'results')) {
          for (const elt of result.results as string[]) {
            const ind = elt.indexOf(':');
            if (ind < 0) throw new Error("undefined method `+' for nil:NilClass");
            const parsed = JSON.parse(elt.slice(ind + 1)) as Record<string, string>;
            if (parsed.cloudClass === 'com.bmc.cloud.model.beans.ServiceOfferingInstance') return parsed;
          }
          return result;
        }
        if (result.taskState === 'FAILED') throw new Error(`${result.className} ${result.operationName} operation failed`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // earlier versions stopped at the first element of `results`, whatever it was
    const waitTaskCompletedFirst = async (uri: string) => {
      for (;;) {
        const result = await request('GET', uri);
        if (Object.hasOwn(result, 'results')) return (result.results as unknown[])[0];
        if (result.taskState === 'FAILED') throw new Error(`${result.className} ${result.operationName} operation failed`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    // login
    const login = await t.http
      .post(`${base}/login`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }));
    expect(Object.hasOwn(login.headers, 'authentication-token')).toBe(true);
    client.authenticationToken = login.headers['authentication-token'] as string;

    // get_offeringlist(["postgres"])
    const opsReq = [
      { multiplicity: '1', name: 'fillFields', type: 'java.lang.String', value: 'reconciliationID' },
      { multiplicity: '1', name: 'orderBy', type: 'java.lang.String', value: 'name' },
    ];
    const list = await request('POST', '/ServiceOffering/search', { timeout: -1, operationParams: opsReq });
    const offers = (list.results as Record<string, string>[]).filter((x) => ['postgres'].includes(x.name!));
    expect(offers).toHaveLength(1);
    const offerID = offers[0]!.reconciliationID!;

    // service_provision(offerID, "rb-service", "root", "pw", "rb", "Calbro")
    const provision = [
      {
        name: 'serviceOfferingID',
        type: 'com.bmc.cloud.model.beans.ServiceOffering',
        multiplicity: '1',
        value: { cloudClass: 'com.bmc.cloud.model.beans.ServiceOffering', reconciliationID: offerID },
      },
      { name: 'name', type: 'java.lang.String', multiplicity: '1', value: 'rb-service' },
      { name: 'username', type: 'java.lang.String', multiplicity: '1', value: 'root' },
      { name: 'password', type: 'java.lang.String', multiplicity: '1', value: 'plaintext:pw' },
      { name: 'hostnamePrefix', type: 'java.lang.String', multiplicity: '1', value: 'rb' },
      { name: 'quantity', type: 'java.lang.Integer', multiplicity: '1', value: 1 },
      { name: 'tenant', type: 'java.lang.String', multiplicity: '1', value: 'Calbro' },
    ];
    const response = await request('POST', '/ServiceOfferingInstance/bulkcreate', { timeout: -1, operationParams: provision });
    let taskUri = response.taskStatusURI as string | undefined;
    expect(taskUri).toBeDefined();
    taskUri = taskUri!.slice(taskUri!.indexOf('csm') + 3);
    const soi = (await waitTaskCompleted(taskUri)) as Record<string, string>;
    // the earlier version reads results[0] and parses what follows its first ':'
    const first = (await waitTaskCompletedFirst(taskUri)) as string;
    expect(JSON.parse(first.slice(first.indexOf(':') + 1))).toEqual(soi);
    // (the client goes on to functionalComponentsObject and compute: CLM's server model, not served here)
    expect(soi.cloudClass).toBe('com.bmc.cloud.model.beans.ServiceOfferingInstance');
    expect(soi.name).toBe('rb-service');

    // share and transfer with the documented bodies, through the same request helper
    const shared = await request('POST', `/serviceofferinginstance/${soi.guid}/share`, {
      timeout: -1,
      preCallout: '',
      postCallout: '',
      callbackURL: '',
      operationParams: [{ name: 'userNameList', value: ['enduser2'], type: 'java.lang.String', multiplicity: '0..*' }],
    });
    const sharedResult = await waitTaskCompletedFirst((shared.taskStatusURI as string).slice((shared.taskStatusURI as string).indexOf('csm') + 3));
    expect(sharedResult).toBe(`/ServiceOfferingInstance/${soi.guid}`);
    const transferred = await request('POST', `/ServiceOfferingInstance/${soi.guid}/transferOwnership`, {
      timeout: -1,
      preCallout: '',
      postCallout: '',
      callbackURL: '',
      operationParams: [
        { name: 'newOwnerName', value: 'enduser1', type: 'java.lang.String', multiplicity: '1' },
        { name: 'newTenantName', value: 'Calbro', type: 'java.lang.String', multiplicity: '1' },
      ],
    });
    expect(transferred.taskState).toBe('COMPLETED');
    expect((await request('GET', `/ServiceOfferingInstance/${soi.guid}`)).ownerName).toBe('enduser1');

    // service_decommission(soi): raise "Error: Service instance does not exist" unless response["errors"].empty?
    // (a missing key would be nil.empty?: NoMethodError)
    const decommissioned = await request('POST', `/serviceofferinginstance/${soi.guid}/decommission`, { timeout: -1, preCallout: '', postCallout: '', operationParams: [] });
    expect(Array.isArray(decommissioned.errors) && (decommissioned.errors as unknown[]).length === 0).toBe(true);
    expect(decommissioned.taskState).toBe('COMPLETED');
    await expect(request('GET', `/ServiceOfferingInstance/${soi.guid}`)).rejects.toThrow('404 error executing call');

    // logout, after which the token no longer works
    await callService(true, '/logout', JSON.stringify({}));
    await expect(request('POST', '/ServiceOffering/search', {})).rejects.toThrow('401 error executing call');
  });

  it('Ruby client: a wrong password leaves no Authentication-Token header ("Wrong user ... or wrong password")', async () => {
    const login = await t.http
      .post('/csm/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'admin', password: 'nope' }));
    expect(Object.hasOwn(login.headers, 'authentication-token')).toBe(false);
  });
});
