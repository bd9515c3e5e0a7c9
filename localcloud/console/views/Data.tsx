// 数据库: the collections with their counts and declared indexes, the queries no index served, and one
// collection's documents: a filter and sort as the SDK takes them (EJSON), pages of 20, each document's JSON,
// and edit and delete after a confirmation.
import { useEffect, useState } from 'preact/hooks';
import { del, get, put, type CollectionInfo, type DocumentPage, type UnindexedReport } from '../api';
import { useDebounced, useLive } from '../live';
import { confirmAction, Empty, ErrorBox, Json, notify, shanghai, Tabs, useAsync } from '../ui';

const PAGE = 20;

export function DataView({ collection }: { collection: string | null }) {
  const collections = useAsync(() => get<{ collections: CollectionInfo[] }>('/__localcloud/database/collections'), []);
  const reload = useDebounced(collections.reload, 500);
  useLive(['invocation', 'data'], (type, d) => (type === 'data' || (d as { status: string }).status !== 'running') && reload());
  const list = collections.data?.collections ?? [];
  const current = list.find((c) => c.name === collection);
  return (
    <div class="split">
      <aside class="pane-list" aria-label="集合">
        <a href="#/data" class={collection === null ? 'item active' : 'item'}>
          <span>概览</span>
        </a>
        <div class="list-heading">集合 Collections</div>
        {list.map((c) => (
          <a href={`#/data/${encodeURIComponent(c.name)}`} class={c.name === collection ? 'item active' : 'item'}>
            <span class="mono">{c.name}</span>
            <span class="count">{c.count}</span>
          </a>
        ))}
      </aside>
      <section class="pane-main">
        <ErrorBox error={collections.error} />
        {collection === null ? <Overview collections={list} /> : current ? <Collection info={current} onChanged={collections.reload} /> : !collections.loading && <Empty>没有集合 {collection}</Empty>}
      </section>
    </div>
  );
}

function Overview({ collections }: { collections: CollectionInfo[] }) {
  const unindexed = useAsync(() => get<UnindexedReport>('/__localcloud/database/unindexed'), []);
  const reload = useDebounced(unindexed.reload, 500);
  useLive(['invocation'], reload);
  return (
    <>
      <h1>数据库</h1>
      <p class="lead">集合与索引来自 cloudbase/collections.json；查询由 localcloud 像云开发一样执行。</p>
      <table class="table">
        <thead>
          <tr>
            <th>集合</th>
            <th class="num">文档数</th>
            <th>声明的索引</th>
          </tr>
        </thead>
        <tbody>
          {collections.map((c) => (
            <tr>
              <td>
                <a class="mono" href={`#/data/${encodeURIComponent(c.name)}`}>
                  {c.name}
                </a>
              </td>
              <td class="num">{c.count}</td>
              <td class="muted">{c.indexes.length - 1 || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>未命中索引的查询 Unindexed queries</h2>
      <p class="lead">云函数发出的、没有声明的索引可用的查询（在 cloudbase/collections.json 中声明索引）。</p>
      <ErrorBox error={unindexed.error} />
      {unindexed.data && unindexed.data.shapes.length === 0 && <Empty>没有：每个查询都有索引可用。</Empty>}
      {unindexed.data && unindexed.data.shapes.length > 0 && (
        <table class="table" data-testid="unindexed">
          <thead>
            <tr>
              <th>集合</th>
              <th>查询形状</th>
              <th class="num">次数</th>
            </tr>
          </thead>
          <tbody>
            {unindexed.data.shapes.map((s) => (
              <tr>
                <td class="mono">{s.collection}</td>
                <td class="mono wrap">{s.shape}</td>
                <td class="num">{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Collection({ info, onChanged }: { info: CollectionInfo; onChanged: () => void }) {
  const [tab, setTab] = useState<'docs' | 'indexes'>('docs');
  useEffect(() => setTab('docs'), [info.name]);
  return (
    <>
      <h1 class="mono">{info.name}</h1>
      <Tabs
        tabs={[
          ['docs', `文档 (${info.count})`],
          ['indexes', `索引 (${info.indexes.length})`],
        ]}
        active={tab}
        onChange={setTab}
      />
      {tab === 'docs' ? <Documents collection={info.name} onChanged={onChanged} /> : <Indexes info={info} />}
    </>
  );
}

function Indexes({ info }: { info: CollectionInfo }) {
  return (
    <table class="table">
      <thead>
        <tr>
          <th>名称</th>
          <th>字段</th>
          <th>唯一</th>
        </tr>
      </thead>
      <tbody>
        {info.indexes.map((ix) => (
          <tr>
            <td class="mono">{ix.name}</td>
            <td class="mono">{ix.keys.map(([f, d]) => `${f} ${d === 1 ? '↑' : '↓'}`).join(', ')}</td>
            <td>{ix.unique ? '唯一' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Documents({ collection, onChanged }: { collection: string; onChanged: () => void }) {
  const [where, setWhere] = useState('');
  const [orderBy, setOrderBy] = useState('');
  const [query, setQuery] = useState({ where: '', orderBy: '', offset: 0 });
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    setWhere('');
    setOrderBy('');
    setQuery({ where: '', orderBy: '', offset: 0 });
    setOpen(null);
  }, [collection]);
  const page = useAsync(() => {
    const q = new URLSearchParams({ where: query.where, orderBy: query.orderBy, offset: String(query.offset), limit: String(PAGE) });
    return get<DocumentPage>(`/__localcloud/database/${encodeURIComponent(collection)}/documents?${q}`);
  }, [collection, query]);
  const reload = useDebounced(() => !editing && page.reload(), 500);
  useLive(['invocation', 'data'], (type, d) => (type === 'data' || (d as { status: string }).status !== 'running') && reload());
  const data = page.data;
  const run = (e: Event) => {
    e.preventDefault();
    setQuery({ where, orderBy, offset: 0 });
  };
  return (
    <>
      <form class="query" onSubmit={run}>
        <label>
          <span>筛选 where</span>
          <input class="mono" name="where" value={where} onInput={(e) => setWhere(e.currentTarget.value)} placeholder='{"status": "submitted"}' spellcheck={false} />
        </label>
        <label class="narrow">
          <span>排序 orderBy</span>
          <input class="mono" name="orderBy" value={orderBy} onInput={(e) => setOrderBy(e.currentTarget.value)} placeholder='{"createdAt": -1}' spellcheck={false} />
        </label>
        <button class="btn primary" type="submit">
          查询
        </button>
      </form>
      <ErrorBox error={page.error} />
      {data && (
        <div class="pager">
          <span>
            共 {data.total} 条{data.total > 0 && `，第 ${data.offset + 1}–${data.offset + data.documents.length} 条`}
          </span>
          <button class="btn small" type="button" disabled={data.offset === 0} onClick={() => setQuery({ ...query, offset: Math.max(0, data.offset - PAGE) })}>
            上一页
          </button>
          <button class="btn small" type="button" disabled={data.offset + PAGE >= data.total} onClick={() => setQuery({ ...query, offset: data.offset + PAGE })}>
            下一页
          </button>
        </div>
      )}
      {data && data.total === 0 && <Empty>没有符合条件的文档</Empty>}
      <ul class="docs">
        {data?.documents.map((doc) => {
          const id = String(doc._id);
          return (
            <li class={open === id ? 'doc open' : 'doc'} key={id}>
              <button type="button" class="doc-head" aria-expanded={open === id} onClick={() => (setOpen(open === id ? null : id), setEditing(false))}>
                <span class="mono doc-id">{id}</span>
                <span class="doc-summary">{summary(doc)}</span>
              </button>
              {open === id && (
                <DocumentDetail
                  collection={collection}
                  doc={doc}
                  editing={editing}
                  setEditing={setEditing}
                  onChanged={() => {
                    page.reload();
                    onChanged();
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function DocumentDetail({ collection, doc, editing, setEditing, onChanged }: { collection: string; doc: Record<string, unknown>; editing: boolean; setEditing: (e: boolean) => void; onChanged: () => void }) {
  const id = String(doc._id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const path = `/__localcloud/database/${encodeURIComponent(collection)}/documents/${encodeURIComponent(id)}`;
  const startEdit = () => {
    setText(JSON.stringify(doc, null, 2));
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    try {
      JSON.parse(text);
    } catch (e) {
      return setError(`不是有效的 JSON：${(e as Error).message}`);
    }
    const ok = await confirmAction({ title: '保存修改？', body: <p>将用编辑后的内容替换 <code>{collection}</code> 中的文档 <code>{id}</code>。直接修改不经过云函数的校验与流程。</p>, confirm: '保存' });
    if (!ok) return;
    try {
      await put(path, text);
      setEditing(false);
      notify(`已保存 ${collection}/${id}`);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async () => {
    const ok = await confirmAction({ title: '删除文档？', body: <p>将从 <code>{collection}</code> 删除文档 <code>{id}</code>，无法撤销。</p>, confirm: '删除', danger: true });
    if (!ok) return;
    try {
      await del(path);
      notify(`已删除 ${collection}/${id}`);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="doc-body">
      <ErrorBox error={error} />
      {editing ? (
        <>
          <textarea class="mono editor" aria-label="文档 JSON" value={text} onInput={(e) => setText(e.currentTarget.value)} spellcheck={false} rows={Math.min(30, text.split('\n').length + 1)} />
          <p class="hint">日期写作 {'{"$date": "2025-06-01T08:00:00Z"}'}（EJSON）。_id 不能修改。</p>
        </>
      ) : (
        <Json value={doc} />
      )}
      <div class="actions">
        {editing ? (
          <>
            <button class="btn primary" type="button" onClick={save}>
              保存
            </button>
            <button class="btn" type="button" onClick={() => setEditing(false)}>
              取消
            </button>
          </>
        ) : (
          <>
            <button class="btn" type="button" onClick={startEdit}>
              编辑
            </button>
            <button class="btn" type="button" onClick={() => navigator.clipboard?.writeText(id).then(() => notify('已复制 _id'))}>
              复制 _id
            </button>
            <button class="btn danger-text" type="button" onClick={remove}>
              删除
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** A document's first few plain fields, to tell documents apart in the list. */
function summary(doc: Record<string, unknown>): string {
  const shown: string[] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_id' || shown.length >= 5) continue;
    const date = v && typeof v === 'object' && '$date' in v ? (v as { $date: unknown }).$date : undefined;
    if (typeof date === 'string') shown.push(`${k}: ${shanghai(date)}`);
    else if (typeof v === 'string' && v.length <= 40) shown.push(`${k}: ${v}`);
    else if (typeof v === 'number' || typeof v === 'boolean') shown.push(`${k}: ${v}`);
  }
  return shown.join(' · ');
}
