// Cloud storage through the real wx-server-sdk against localcloud: upload, temp URLs, download, delete,
// the per-file error codes, path safety, durability, and the mini-program's upload gateway.
import fs from 'node:fs';
import path from 'node:path';
import { Localcloud, startLocalcloud } from '../harness/localcloud';

type Cloud = typeof import('wx-server-sdk');
// the SDK's typings add `void` for the callback style, which these promise calls never take
type Settled<F extends (...args: never[]) => unknown> = Exclude<ReturnType<F>, void>;

let lc: Localcloud;
let cloud: Cloud;

beforeAll(async () => {
  lc = await startLocalcloud();
  lc.useSdk();
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
});

afterAll(async () => {
  await lc.dispose();
});

const upload = (cloudPath: string, fileContent: Buffer) => cloud.uploadFile({ cloudPath, fileContent });

async function tempUrl(fileID: string, maxAge = 600) {
  const { fileList } = await (cloud.getTempFileURL({ fileList: [{ fileID, maxAge }] }) as Settled<Cloud['getTempFileURL']>);
  return fileList[0];
}

describe('storage through wx-server-sdk', () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255, 254, 10, 13]);

  test('upload, temp URL, download and delete round-trip the same bytes', async () => {
    const { fileID } = await upload('proofs/证明 1.png', bytes);
    expect(fileID).toBe(`cloud://local-env.${Buffer.from('lo').toString('hex')}-local-env-1300000000/proofs/证明 1.png`);

    const file = await tempUrl(fileID);
    expect(file).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 600 });
    expect(file.tempFileURL.startsWith(`${lc.url}/`)).toBe(true);
    const res = await fetch(encodeURI(file.tempFileURL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);

    const { fileContent } = await cloud.downloadFile({ fileID });
    expect(Buffer.from(fileContent)).toEqual(bytes);

    const meta = await lc.getJson<Record<string, unknown>>(`/__localcloud/storage/meta?fileID=${encodeURIComponent(fileID)}`);
    expect(meta).toMatchObject({ fileID, cloudPath: 'proofs/证明 1.png', size: bytes.length, contentType: 'image/png', uploader: { source: 'admin' } });

    const deleted = await (cloud.deleteFile({ fileList: [fileID] }) as Settled<Cloud['deleteFile']>);
    expect(deleted.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    expect((await fetch(encodeURI(file.tempFileURL))).status).toBe(404);
    await expect(cloud.downloadFile({ fileID })).rejects.toThrow(/STORAGE_FILE_NONEXIST|file not exist/);
  });

  test('a temp URL serves one byte range, with the whole size in Content-Range', async () => {
    const { fileID } = await upload('proofs/range.png', bytes);
    const url = encodeURI((await tempUrl(fileID)).tempFileURL);
    const head = await fetch(url, { headers: { range: 'bytes=0-3' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-3/${bytes.length}`);
    expect(Buffer.from(await head.arrayBuffer())).toEqual(bytes.subarray(0, 4));
    const tail = await fetch(url, { headers: { range: 'bytes=8-100' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(8));
    expect((await fetch(url, { headers: { range: 'bytes=50-60' } })).status).toBe(416);
  });

  test('unknown files get CloudBase per-file error codes', async () => {
    const fileID = `cloud://local-env.${Buffer.from('lo').toString('hex')}-local-env-1300000000/nowhere.txt`;
    const file = await tempUrl(fileID);
    expect(file).toMatchObject({ fileID, status: -503003, tempFileURL: '' });
    const deleted = await (cloud.deleteFile({ fileList: [fileID, 'not-a-file-id'] }) as Settled<Cloud['deleteFile']>);
    expect(deleted.fileList.map((f: { status: number }) => f.status)).toEqual([-503003, -501007]);
    const res = await fetch(`${lc.url}/__localcloud/storage/meta?fileID=${encodeURIComponent(fileID)}`);
    expect(res.status).toBe(404);
  });

  test('a temp URL stops working when it expires or is tampered with', async () => {
    const { fileID } = await upload('notes/a.txt', Buffer.from('hello'));
    const file = await tempUrl(fileID, 1);
    const fresh = await fetch(file.tempFileURL);
    expect(fresh.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await fresh.text()).toBe('hello');
    expect((await fetch(file.tempFileURL.replace('notes/a.txt', 'notes/b.txt'))).status).toBe(403);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(file.tempFileURL)).status).toBe(403);
  });

  test.each(['../escape.txt', 'a/../../escape.txt', '/abs.txt', 'a//b.txt', 'a\\..\\b.txt', 'q?.txt'])('path %s is rejected', async (cloudPath) => {
    await expect(upload(cloudPath, Buffer.from('x'))).rejects.toThrow(/cloudPath/);
    expect(fs.existsSync(path.join(lc.dataDir, '..', 'escape.txt'))).toBe(false);
  });

  test('past the size limit an upload fails with a clear error', async () => {
    await expect(upload('big.bin', Buffer.alloc(50 * 1024 * 1024 + 1))).rejects.toThrow(/EntityTooLarge/);
    const fileID = `cloud://local-env.${Buffer.from('lo').toString('hex')}-local-env-1300000000/big.bin`;
    expect((await tempUrl(fileID)).status).toBe(-503003);
  });

  test('the mini-program gateway records the member as owner', async () => {
    const form = new FormData();
    form.append('cloudPath', 'members/o123/id.jpg');
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'id.jpg');
    const res = await fetch(`${lc.url}/storage/upload`, { method: 'POST', body: form, headers: { 'x-wx-openid': 'oMEMBER123' } });
    expect(res.status).toBe(200);
    const { fileID } = (await res.json()) as { fileID: string };
    const meta = await lc.getJson(`/__localcloud/storage/meta?fileID=${encodeURIComponent(fileID)}`);
    expect(meta).toMatchObject({ size: bytes.length, contentType: 'image/jpeg', uploader: { source: 'miniprogram', openid: 'oMEMBER123' } });
    expect(Buffer.from((await cloud.downloadFile({ fileID })).fileContent)).toEqual(bytes);

    const anonymous = await fetch(`${lc.url}/storage/upload`, { method: 'POST', body: form });
    expect(anonymous.status).toBe(401);
    const bad = new FormData();
    bad.append('cloudPath', '../x.jpg');
    bad.append('file', new Blob([bytes]), 'x.jpg');
    expect((await fetch(`${lc.url}/storage/upload`, { method: 'POST', body: bad, headers: { 'x-wx-openid': 'oMEMBER123' } })).status).toBe(400);
  });

  test('files survive a restart', async () => {
    const { fileID } = await upload('durable/kept.pdf', Buffer.from('%PDF-1.4 kept'));
    const before = await tempUrl(fileID);
    await lc.kill9();
    await lc.start();
    expect(Buffer.from((await cloud.downloadFile({ fileID })).fileContent).toString()).toBe('%PDF-1.4 kept');
    const res = await fetch(before.tempFileURL);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(await res.text()).toBe('%PDF-1.4 kept');
  });
});
