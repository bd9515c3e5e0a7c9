// 数据目录: the whole data dir to a folder and back (as the Firebase emulators' --export-on-exit / --import,
// which `npm start` also takes), and a reset to fresh demo data.
import { useState } from 'preact/hooks';
import { post, type DataDirSummary } from '../api';
import { useShared } from '../shared';
import { confirmAction, ErrorBox, notify } from '../ui';

function Summary({ s }: { s: DataDirSummary }) {
  const docs = Object.values(s.collections).reduce((a, b) => a + b, 0);
  return (
    <p class="summary" role="status">
      {s.dir && <span class="mono">{s.dir}</span>} {docs} 个文档（{Object.entries(s.collections).filter(([, n]) => n > 0).length} 个集合），{s.files} 个文件
    </p>
  );
}

export function DataDirView() {
  const { info } = useShared();
  const [exportDir, setExportDir] = useState(info.exportDir);
  const [importDir, setImportDir] = useState(info.exportDir);
  const [done, setDone] = useState<{ what: string; summary: DataDirSummary } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (what: string, path: string, body: unknown = {}) => {
    setBusy(true);
    setError(null);
    try {
      const summary = await post<DataDirSummary>(path, body);
      setDone({ what, summary });
      notify(`${what}完成`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const doImport = async (e: Event) => {
    e.preventDefault();
    const ok = await confirmAction({ title: '导入数据？', body: <p>当前数据目录的数据库、文件与订阅额度将被 <code>{importDir}</code> 中的导出替换。</p>, confirm: '导入', danger: true });
    if (ok) await run('导入', '/__localcloud/data/import', { dir: importDir });
  };
  const doReset = async () => {
    const ok = await confirmAction({ title: '重置为演示数据？', body: <p>当前数据（数据库、文件、订阅额度）将全部清除，换成 npm start 初次启动时的演示数据。需要保留的话先导出。</p>, confirm: '重置', danger: true });
    if (ok) await run('重置', '/__localcloud/data/reset');
  };
  return (
    <>
      <h1>数据目录</h1>
      <p class="lead">
        当前数据目录 <span class="mono">{info.dataDir}</span>。导出包含数据库、云存储文件、订阅额度和加密个人信息的密钥（请妥善保管导出）。
      </p>
      <ErrorBox error={error} />
      {done && (
        <div class="card ok-card">
          <strong>{done.what}完成</strong>
          <Summary s={done.summary} />
        </div>
      )}
      <div class="cards">
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void run('导出', '/__localcloud/data/export', { dir: exportDir });
          }}
          aria-label="导出"
        >
          <h2>导出 Export</h2>
          <label class="field">
            <span class="field-label">导出到文件夹</span>
            <input class="mono" name="exportDir" value={exportDir} onInput={(e) => setExportDir(e.currentTarget.value)} />
          </label>
          <p class="hint">空文件夹或以前的导出（会被替换）。也可以在退出时导出：npm start -- --export-on-exit {exportDir}</p>
          <button class="btn primary" type="submit" disabled={busy}>
            导出
          </button>
        </form>
        <form class="card" onSubmit={doImport} aria-label="导入">
          <h2>导入 Import</h2>
          <label class="field">
            <span class="field-label">从文件夹导入</span>
            <input class="mono" name="importDir" value={importDir} onInput={(e) => setImportDir(e.currentTarget.value)} />
          </label>
          <p class="hint">启动时导入：npm start -- --import {importDir}</p>
          <button class="btn" type="submit" disabled={busy}>
            导入
          </button>
        </form>
        <div class="card">
          <h2>重置 Reset</h2>
          <p>回到演示数据（同 npm start -- --reset）。</p>
          <button class="btn danger" type="button" onClick={doReset} disabled={busy}>
            重置为演示数据
          </button>
        </div>
      </div>
    </>
  );
}
