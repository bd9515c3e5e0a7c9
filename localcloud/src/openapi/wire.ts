// The protobuf envelopes of `wx.openApi`, as wx-server-sdk 4.x defines them (src/protobuf/openapi.js):
// the request's `requestData` is a CommApiData whose openapiData.pairs carry each top-level parameter as a
// key and its JSON text (or, for media, the raw bytes with a content type); the reply body must be a
// CommOpenApiResp whose respData is WeChat's JSON answer (errcode/errmsg…). A JSON body instead makes the
// SDK fail with -501001.
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 }, contenttype: { type: 'string', id: 3 }, filename: { type: 'string', id: 4 } },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: { fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

interface Pair {
  key: string;
  value: Uint8Array;
  contenttype?: string;
  filename?: string;
}

export interface OpenApiRequest {
  appid?: string;
  /** each parameter decoded from JSON; a media parameter becomes `{contentType, filename, size}` */
  data: Record<string, unknown>;
}

export function decodeRequest(requestData: Buffer): OpenApiRequest {
  const msg = CommApiData.toObject(CommApiData.decode(requestData), { defaults: false }) as { appid?: string; openapiData?: { pairs?: Pair[] } };
  const data: Record<string, unknown> = {};
  for (const pair of msg.openapiData?.pairs ?? []) {
    const bytes = Buffer.from(pair.value ?? []);
    data[pair.key] = pair.contenttype ? { contentType: pair.contenttype, filename: pair.filename, size: bytes.length } : parseJson(bytes.toString('utf8'));
  }
  return { appid: msg.appid || undefined, data };
}

export function encodeResponse(result: unknown): Buffer {
  const message = CommOpenApiResp.fromObject({ respData: Buffer.from(JSON.stringify(result)), contentType: 'application/json', httpCode: 200 });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
