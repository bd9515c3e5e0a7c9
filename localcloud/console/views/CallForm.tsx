// 调用云函数: any action of any function, as any demo person (or any openid), through the gateway as the
// mini-program calls it; the form is built from the action's input schema, with typings/'s documentation.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { callFunction, type GatewayReply } from '../api';
import { useShared } from '../shared';
import { Code, ErrorBox, Json } from '../ui';
import { buildValue, FieldError, SchemaFields, variantsOf, type JsonSchema, type Values } from './SchemaForm';

const OTHER = '__other__';

export function CallForm() {
  const shared = useShared();
  const functions = shared.contract;
  const [fnName, setFnName] = useState(functions.find((f) => f.actions)?.name ?? '');
  const fn = functions.find((f) => f.name === fnName);
  const actionNames = Object.keys(fn?.actions ?? {});
  const [actionName, setActionName] = useState(actionNames[0] ?? '');
  const action = fn?.actions?.[actionName];
  const [who, setWho] = useState('o-demo-member');
  const [otherOpenid, setOtherOpenid] = useState('');
  const [values, setValues] = useState<Values>({});
  const [variant, setVariant] = useState(0);
  const [asJson, setAsJson] = useState(!fn?.actions);
  const [jsonText, setJsonText] = useState('{}');
  const [error, setError] = useState<{ message: string; path: string | null } | null>(null);
  const [reply, setReply] = useState<GatewayReply | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setActionName(Object.keys(fn?.actions ?? {})[0] ?? '');
    setAsJson(!fn?.actions);
  }, [fnName]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    setValues({});
    setVariant(0);
    setReply(null);
    setError(null);
  }, [fnName, actionName]);

  const schema = action?.schema as JsonSchema | undefined;
  const variants = useMemo(() => (schema ? variantsOf(schema) : null), [schema]);
  const formSchema = variants ? variants[variant]?.schema : schema;

  /** The event the form makes; throws a FieldError for a field it cannot read. */
  const event = (): Record<string, unknown> => {
    if (asJson) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(jsonText || '{}');
      } catch (e) {
        throw new FieldError('', `不是有效的 JSON：${(e as Error).message}`);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FieldError('', '事件必须是一个 JSON 对象');
      return parsed as Record<string, unknown>;
    }
    return { action: actionName, ...(formSchema ? buildValue(formSchema, values) : {}) };
  };
  let preview: Record<string, unknown> | null = null;
  try {
    preview = asJson ? null : event();
  } catch {
    preview = null;
  }
  const openid = who === OTHER ? otherOpenid.trim() : who;

  const toggleJson = () => {
    if (!asJson) setJsonText(JSON.stringify(preview ?? { action: actionName }, null, 2));
    setAsJson(!asJson);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    let ev: Record<string, unknown>;
    try {
      ev = event();
    } catch (err) {
      return setError({ message: (err as Error).message, path: err instanceof FieldError ? err.path : null });
    }
    setBusy(true);
    try {
      setReply(await callFunction(fnName, ev, openid));
    } catch (err) {
      setError({ message: (err as Error).message, path: null });
    } finally {
      setBusy(false);
    }
  };

  const result = reply?.result as { ok?: boolean; error?: { code: string; message: string; fields?: Record<string, string> } } | undefined;
  return (
    <div class="call">
      <form class="card call-form" onSubmit={submit} aria-label="调用云函数">
        <div class="row3">
          <label>
            <span>函数</span>
            <select name="function" value={fnName} onChange={(e) => setFnName(e.currentTarget.value)}>
              {functions.map((f) => (
                <option value={f.name}>{f.name}</option>
              ))}
            </select>
          </label>
          <label>
            <span>操作 action</span>
            <select name="action" value={actionName} onChange={(e) => setActionName(e.currentTarget.value)} disabled={!fn?.actions}>
              {actionNames.map((a) => (
                <option value={a}>{a}</option>
              ))}
            </select>
          </label>
          <label>
            <span>调用者（OPENID）</span>
            <select name="caller" value={who} onChange={(e) => setWho(e.currentTarget.value)}>
              {shared.info.people.map((p) => (
                <option value={p.openid}>{p.label}</option>
              ))}
              <option value="">（无用户）</option>
              <option value={OTHER}>其他 openid…</option>
            </select>
          </label>
        </div>
        {who === OTHER && (
          <label class="field">
            <span class="field-label">openid</span>
            <input name="openid" value={otherOpenid} onInput={(e) => setOtherOpenid(e.currentTarget.value)} class="mono" />
          </label>
        )}
        {action && (
          <div class="contract">
            {action.doc && <p class="doc">{action.doc}</p>}
            {action.input && (
              <p class="mono sig">
                <span class="muted">input </span>
                {action.input}
              </p>
            )}
            {action.output && (
              <p class="mono sig">
                <span class="muted">output </span>
                {action.output}
              </p>
            )}
          </div>
        )}
        <div class="form-mode">
          <button type="button" class="btn small" onClick={toggleJson} disabled={!fn?.actions}>
            {asJson ? '用表单填写' : '编辑 JSON'}
          </button>
        </div>
        {asJson ? (
          <textarea class="mono editor" name="event" aria-label="事件 JSON" rows={10} value={jsonText} onInput={(e) => setJsonText(e.currentTarget.value)} spellcheck={false} />
        ) : (
          <>
            {variants && (
              <label class="field">
                <span class="field-label">类型</span>
                <select value={String(variant)} onChange={(e) => (setVariant(Number(e.currentTarget.value)), setValues({}))}>
                  {variants.map((v, i) => (
                    <option value={String(i)}>{v.label}</option>
                  ))}
                </select>
              </label>
            )}
            {formSchema && <SchemaFields schema={formSchema} values={values} onChange={(p, v) => setValues({ ...values, [p]: v })} errorPath={error?.path} />}
          </>
        )}
        <ErrorBox error={error?.message} />
        <div class="actions">
          <button class="btn primary" type="submit" disabled={busy}>
            {busy ? '调用中…' : '调用'}
          </button>
          {preview && <span class="mono muted preview">{JSON.stringify(preview)}</span>}
        </div>
      </form>
      <section class="card call-result" aria-label="返回">
        <h2>返回</h2>
        {!reply && <p class="muted">调用后在这里显示 wx.cloud.callFunction 得到的结果。</p>}
        {reply && (
          <>
            <div class="result-head">
              {result && typeof result === 'object' && 'ok' in result ? <Code code={result.ok ? 'OK' : (result.error?.code ?? 'ERROR')} /> : reply.errCode !== undefined ? <Code code={String(reply.errCode)} /> : <Code code="OK" />}
              {result?.ok === false && <span class="result-message">{result.error?.message}</span>}
              {reply.requestID && (
                <a class="small-link" href="#/functions">
                  调用记录 {reply.requestID.slice(0, 8)}
                </a>
              )}
            </div>
            {reply.errMsg && reply.errCode !== undefined && <pre class="json error-text">{reply.errMsg}</pre>}
            <Json value={reply.result ?? reply} />
          </>
        )}
      </section>
    </div>
  );
}
