// Materials (admission notices, delivery photos) go to cloud storage in the caller's own folder
// (members.me uploadPrefix, 'uploads/<openid>/'), the only place the functions accept files from: through
// wx.cloud in the cloud, through the localcloud gateway in local mode (same reply), with progress either way.
import type { Result } from '../../typings/api';
import { devOpenid } from './cloud';
import { env } from './env';
import { lastMe, refreshMe } from './session';

/** Called with 0–100 as the file goes up. */
export type UploadProgress = (percent: number) => void;

/** Passes progress on in steps of `step` percent (and at 100), so a page follows an upload without a
 *  setData for every chunk. */
export function inSteps(report: UploadProgress, step = 10): UploadProgress {
  let shown = 0;
  return (percent) => {
    if (percent < 100 && percent - shown < step) return;
    shown = percent;
    report(percent);
  };
}

const FAILED = { ok: false as const, error: { code: 'INTERNAL' as const, message: '上传没有成功，请重试' } };

async function uploadPrefix(): Promise<Result<string>> {
  const known = lastMe()?.uploadPrefix;
  if (known) return { ok: true, data: known };
  const r = await refreshMe();
  if (!r.ok) return r;
  if (!r.data.uploadPrefix) return { ok: false, error: { code: 'NOT_REGISTERED', message: '请先完成会员认证' } };
  return { ok: true, data: r.data.uploadPrefix };
}

function extensionOf(filePath: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(filePath);
  return m ? m[1].toLowerCase() : 'jpg';
}

/** The local gateway's reply: { fileID } on 200, { errCode, errMsg } otherwise. */
function fileIdOf(res: { statusCode: number; data: string }): string | null {
  if (res.statusCode !== 200) return null;
  try {
    const body = JSON.parse(res.data) as { fileID?: string };
    return body.fileID ?? null;
  } catch {
    return null;
  }
}

function put(cloudPath: string, filePath: string, onProgress: UploadProgress): Promise<string | null> {
  return new Promise((resolve) => {
    const gateway = env.localGateway;
    const task = gateway
      ? wx.uploadFile({
          url: `${gateway}/storage/upload`,
          filePath,
          name: 'file',
          header: { 'x-wx-openid': devOpenid() },
          formData: { cloudPath },
          success: (res) => resolve(fileIdOf(res)),
          fail: () => resolve(null),
        })
      : wx.cloud.uploadFile({
          cloudPath,
          filePath,
          success: (res) => resolve(res.fileID || null),
          fail: () => resolve(null),
        });
    task.onProgressUpdate((p) => onProgress(p.progress));
  });
}

/**
 * Uploads a file the user picked (wx.chooseMedia's tempFilePath) to
 * `<uploadPrefix><folder>/<time>-<random>.<ext>`; `folder` names what it is for (a campaign id, 'delivery').
 */
export async function uploadMaterial(filePath: string, onProgress: UploadProgress = () => undefined, folder = 'materials'): Promise<Result<{ fileId: string }>> {
  const prefix = await uploadPrefix();
  if (!prefix.ok) return prefix;
  const random = Math.random().toString(36).slice(2, 10);
  const cloudPath = `${prefix.data}${folder}/${Date.now()}-${random}.${extensionOf(filePath)}`;
  const fileId = await put(cloudPath, filePath, onProgress);
  return fileId ? { ok: true, data: { fileId } } : FAILED;
}
