// 云存储: every stored file (cloud path, size, type, who uploaded it, when) with a preview of images and PDFs.
import { useState } from 'preact/hooks';
import { get, type StoredFile } from '../api';
import { useDebounced, useLive } from '../live';
import { personName, useShared } from '../shared';
import { Empty, ErrorBox, Time, useAsync } from '../ui';

const size = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

export function StorageView() {
  const shared = useShared();
  const [prefix, setPrefix] = useState('');
  const files = useAsync(() => get<{ files: StoredFile[] }>(`/__localcloud/storage/list?prefix=${encodeURIComponent(prefix)}`), [prefix]);
  const reload = useDebounced(files.reload, 500);
  useLive(['invocation', 'data'], (type, d) => (type === 'data' || (d as { status: string }).status !== 'running') && reload());
  const [chosen, setChosen] = useState<string | null>(null);
  const list = files.data?.files ?? [];
  const current = list.find((f) => f.fileID === chosen) ?? null;
  return (
    <>
      <h1>云存储</h1>
      <div class="filters">
        <label>
          <span>路径前缀</span>
          <input class="mono" value={prefix} onInput={(e) => setPrefix(e.currentTarget.value)} placeholder="uploads/o-demo-member/" name="prefix" />
        </label>
        <span class="spacer" />
        <span class="muted">{list.length} 个文件</span>
      </div>
      <ErrorBox error={files.error} />
      {files.data && list.length === 0 && <Empty>没有文件</Empty>}
      <div class="storage">
        {list.length > 0 && (
          <table class="table files">
            <thead>
              <tr>
                <th>路径</th>
                <th class="num">大小</th>
                <th>类型</th>
                <th>上传者</th>
                <th>时间</th>
              </tr>
            </thead>
            <tbody>
              {list.map((f) => (
                <tr class={f.fileID === chosen ? 'row open' : 'row'} onClick={() => setChosen(f.fileID)}>
                  <td class="mono wrap">{f.cloudPath}</td>
                  <td class="num">{size(f.size)}</td>
                  <td class="mono muted">{f.contentType}</td>
                  <td class="nowrap">{f.uploader.source === 'miniprogram' ? personName(shared, f.uploader.openid ?? null) : f.uploader.source === 'function' ? '云函数' : '服务端'}</td>
                  <td class="nowrap">
                    <Time iso={f.uploadedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {current && (
          <aside class="card file-preview" aria-label="预览">
            <div class="mono wrap small">{current.fileID}</div>
            {current.contentType.startsWith('image/') ? (
              <img src={current.url} alt={current.cloudPath} />
            ) : current.contentType === 'application/pdf' ? (
              <iframe src={current.url} title={current.cloudPath} />
            ) : (
              <p class="muted">这种文件不能预览。</p>
            )}
            <a class="btn" href={current.url} target="_blank" rel="noopener">
              在新标签页打开
            </a>
          </aside>
        )}
      </div>
    </>
  );
}
