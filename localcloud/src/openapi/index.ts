// cloud.openapi.* (`wx.openApi`): decodes the SDK's protobuf request, answers as WeChat would — real rules
// for subscribeMessage.send, a generic success for any other API — and records every call in the sink.
// Routes:
//   GET/DELETE /__localcloud/openapi/calls[?apiName=…]   the recorded calls (openapi and subscription account)
//   POST /__localcloud/openapi/subscriptions {openid, templateIds}   a member's tap in wx.requestSubscribeMessage
//                                            ({openids: […], templateIds}: the same tap by many, for big tests)
//   GET  /__localcloud/openapi/subscriptions[?openid=…]  remaining quota
//   /__localcloud/mp/cgi-bin/…                           the subscription-account API (see mp.ts)
//   GET/POST/DELETE /__localcloud/openapi/faults         WeChat busy or slow on the next calls (see faults.ts)
//   GET  /__localcloud/openapi/templates                 the templates with their titles and field labels
// The templates are cloudbase/subscribe-templates.json's, or LOCALCLOUD_SUBSCRIBE_TEMPLATES names another file.
import fs from 'node:fs';
import path from 'node:path';
import { CloudError, RawReply } from '../protocol';
import { HttpRoute, LocalCloudContext, LocalService } from '../server';
import { CallLog } from './calls';
import { Faults } from './faults';
import { MpAccount, mpRoutes } from './mp';
import { loadTemplates, sendSubscribeMessage, Subscriptions, wxError, WxResult } from './subscribe';
import { decodeRequest, encodeResponse } from './wire';

/** The product's template declaration, found from dist/localcloud/ as main.ts finds collections.json. */
const TEMPLATES_FILE = path.resolve(__dirname, '../../cloudbase/subscribe-templates.json');

/** The openapi service, and the sinks the console reads, drives and clears. */
export type OpenapiService = LocalService & { calls: CallLog; subscriptions: Subscriptions; faults: Faults; mp: MpAccount };

export function createOpenapi(ctx: LocalCloudContext): OpenapiService {
  const templatesFile = process.env.LOCALCLOUD_SUBSCRIBE_TEMPLATES || TEMPLATES_FILE;
  const templates = loadTemplates(templatesFile);
  const subscriptions = new Subscriptions(path.join(ctx.dataDir, 'openapi', 'subscriptions.json'));
  const calls = new CallLog();
  const faults = new Faults();
  const mp = new MpAccount();

  function answer(apiName: string, data: Record<string, unknown>): WxResult {
    switch (apiName) {
      case 'subscribeMessage.send':
        return sendSubscribeMessage(templates, subscriptions, data);
      case 'security.msgSecCheck':
        return { errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 }, detail: [] };
      default:
        return { errcode: 0, errmsg: 'ok' };
    }
  }

  const routes: HttpRoute[] = [
    {
      method: 'GET',
      path: /^\/__localcloud\/openapi\/calls$/,
      handle: async (c) => c.json(200, { calls: calls.list(c.url.searchParams.get('apiName') ?? undefined) }),
    },
    {
      method: 'DELETE',
      path: /^\/__localcloud\/openapi\/calls$/,
      handle: async (c) => c.json(200, { cleared: calls.clear() }),
    },
    {
      method: 'POST',
      path: /^\/__localcloud\/openapi\/subscriptions$/,
      handle: async (c) => {
        const { openid, openids, templateIds } = JSON.parse((await c.body(64 * 2 ** 20)).toString('utf8') || '{}') as { openid?: unknown; openids?: unknown; templateIds?: unknown };
        const who = typeof openid === 'string' && openid ? [openid] : Array.isArray(openids) && openids.length && openids.every((o) => typeof o === 'string' && o) ? (openids as string[]) : null;
        if (!who || !Array.isArray(templateIds)) {
          return c.json(400, { errCode: -1, errMsg: 'requestSubscribeMessage:fail body must be {openid, templateIds: string[]} (or {openids: string[], templateIds})' });
        }
        // wx.requestSubscribeMessage refuses the whole request when a template id is not the mini-program's
        const unknown = templateIds.filter((id) => typeof id !== 'string' || !templates.has(id));
        if (unknown.length) return c.json(400, { errCode: 20001, errMsg: `requestSubscribeMessage:fail No template data return, verify the template id exist: ${unknown.join(',')}` });
        subscriptions.grant(who, templateIds as string[]);
        c.json(200, who.length === 1 ? { openid: who[0], quota: subscriptions.of(who[0]) } : { granted: who.length });
      },
    },
    {
      method: 'GET',
      path: /^\/__localcloud\/openapi\/subscriptions$/,
      handle: async (c) => {
        const openid = c.url.searchParams.get('openid');
        c.json(200, openid ? { openid, quota: subscriptions.of(openid) } : { quota: subscriptions.all() });
      },
    },
    {
      method: 'GET',
      path: /^\/__localcloud\/openapi\/templates$/,
      handle: async (c) => c.json(200, JSON.parse(fs.readFileSync(templatesFile, 'utf8'))),
    },
    ...faults.routes(),
    ...mpRoutes(calls, mp),
  ];

  return {
    prefix: 'wx',
    calls,
    subscriptions,
    faults,
    mp,
    routes,
    async handle(req) {
      if (req.action !== 'wx.openApi') throw new CloudError('INVALID_ACTION', `localcloud does not support ${req.action}`);
      const apiName = req.params.apiName;
      const requestData = req.params.requestData;
      if (typeof apiName !== 'string' || !apiName) throw new CloudError('INVALID_PARAM', 'apiName is required');
      if (!Buffer.isBuffer(requestData)) throw new CloudError('INVALID_PARAM', 'requestData must be the protobuf CommApiData bytes');
      const { data } = decodeRequest(requestData);
      const fault = faults.take(apiName);
      if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
      const result = fault?.errcode !== undefined ? wxError(fault.errcode, 'system error (localcloud fault)') : answer(apiName, data);
      calls.record({ apiName, data, invocationId: req.invocationId, result });
      return new RawReply(encodeResponse(result), 'application/octet-stream');
    },
  };
}
