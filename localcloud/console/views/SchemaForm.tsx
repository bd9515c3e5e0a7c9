// A form built from an action's input schema (JSON Schema made from its zod schema at build time): a field
// per property — a list for enums, number inputs, yes/no, nested groups for objects — and JSON for what a
// field cannot say (arrays, records, unions). Empty optional fields are left out of the event, empty required
// ones too, so the function's own validation answers for them.

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  default?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
}

export type Values = Record<string, string>;

/** `X | null` reads as X (a null is sent only through JSON). */
function unwrap(s: JsonSchema): JsonSchema {
  const options = s.anyOf?.filter((o) => o.type !== 'null');
  return options && options.length === 1 && s.anyOf!.length === 2 ? { ...options[0], default: s.default ?? options[0].default } : s;
}

type Kind = 'enum' | 'const' | 'string' | 'number' | 'boolean' | 'object' | 'json';

function kindOf(s: JsonSchema): Kind {
  if (s.const !== undefined) return 'const';
  if (s.enum) return 'enum';
  if (s.type === 'object' && s.properties && !s.anyOf && !s.oneOf) return 'object';
  if (s.type === 'string') return 'string';
  if (s.type === 'integer' || s.type === 'number') return 'number';
  if (s.type === 'boolean') return 'boolean';
  return 'json';
}

/** The variants of a top-level union of objects, named by their constant field (kind: applications). */
export function variantsOf(s: JsonSchema): { label: string; schema: JsonSchema }[] | null {
  const options = s.oneOf ?? s.anyOf;
  if (!options || !options.every((o) => o.type === 'object' && o.properties)) return null;
  return options.map((o, i) => {
    const tag = Object.entries(o.properties!).find(([, p]) => p.const !== undefined);
    return { label: tag ? `${tag[0]}: ${String(tag[1].const)}` : `#${i + 1}`, schema: o };
  });
}

export class FieldError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** The event's fields from the form's values. */
export function buildValue(schema: JsonSchema, values: Values, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const s = unwrap(raw);
    const path = prefix + name;
    const kind = kindOf(s);
    if (kind === 'const') {
      out[name] = s.const;
      continue;
    }
    if (kind === 'object') {
      const inner = buildValue(s, values, `${path}.`);
      if (Object.keys(inner).length) out[name] = inner;
      continue;
    }
    const v = values[path] ?? '';
    if (v.trim() === '') continue;
    if (kind === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new FieldError(path, `${path} 不是数字`);
      out[name] = n;
    } else if (kind === 'boolean') out[name] = v === 'true';
    else if (kind === 'json') {
      try {
        out[name] = JSON.parse(v);
      } catch (e) {
        throw new FieldError(path, `${path} 不是有效的 JSON：${(e as Error).message}`);
      }
    } else out[name] = v;
  }
  return out;
}

const newKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

function hint(s: JsonSchema): string {
  const parts: string[] = [];
  if (s.enum) parts.push('选项');
  else if (s.type) parts.push(s.type === 'integer' ? '整数' : s.type);
  const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : undefined);
  if (min !== undefined && max !== undefined) parts.push(`${min}–${max}`);
  else if (min !== undefined) parts.push(typeof min === 'number' ? `≥ ${min}` : min);
  else if (max !== undefined) parts.push(`≤ ${max}`);
  if (s.maxLength !== undefined) parts.push(`≤ ${s.maxLength} 字`);
  if (s.pattern) parts.push(`格式 ${s.pattern}`);
  if (s.default !== undefined) parts.push(`默认 ${JSON.stringify(s.default)}`);
  return parts.join(' · ');
}

export function SchemaFields({ schema, values, onChange, prefix = '', errorPath }: { schema: JsonSchema; values: Values; onChange: (path: string, value: string) => void; prefix?: string; errorPath?: string | null }) {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  if (!entries.length && !prefix) return <p class="muted">这个操作不需要参数。</p>;
  return (
    <div class="fields">
      {entries.map(([name, raw]) => {
        const s = unwrap(raw);
        const path = prefix + name;
        const kind = kindOf(s);
        const id = `f-${path}`;
        const label = (
          <label for={id} class="field-label">
            <span class="mono">{name}</span>
            {required.has(name) && <span class="req" title="必填">*</span>}
            <span class="field-hint">{kind === 'json' ? 'JSON' : hint(s)}</span>
          </label>
        );
        const value = values[path] ?? '';
        const set = (v: string) => onChange(path, v);
        const invalid = errorPath === path;
        if (kind === 'object') {
          return (
            <fieldset class="group">
              <legend class="mono">
                {name}
                {required.has(name) && <span class="req">*</span>}
              </legend>
              <SchemaFields schema={s} values={values} onChange={onChange} prefix={`${path}.`} errorPath={errorPath} />
            </fieldset>
          );
        }
        return (
          <div class={invalid ? 'field invalid' : 'field'}>
            {label}
            {kind === 'const' && <input id={id} class="mono" value={String(s.const)} readOnly />}
            {kind === 'enum' && (
              <select id={id} name={path} value={value} onChange={(e) => set(e.currentTarget.value)}>
                <option value="">（不填）</option>
                {s.enum!.map((o) => (
                  <option value={String(o)}>{String(o)}</option>
                ))}
              </select>
            )}
            {kind === 'boolean' && (
              <select id={id} name={path} value={value} onChange={(e) => set(e.currentTarget.value)}>
                <option value="">（不填）</option>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            )}
            {kind === 'number' && <input id={id} name={path} type="number" step={s.type === 'integer' ? 1 : 'any'} value={value} onInput={(e) => set(e.currentTarget.value)} />}
            {kind === 'string' && (
              <div class="with-button">
                <input id={id} name={path} value={value} onInput={(e) => set(e.currentTarget.value)} spellcheck={false} />
                {name === 'requestKey' && (
                  <button type="button" class="btn small" onClick={() => set(newKey())}>
                    生成
                  </button>
                )}
              </div>
            )}
            {kind === 'json' && <textarea id={id} name={path} class="mono" rows={3} value={value} onInput={(e) => set(e.currentTarget.value)} spellcheck={false} placeholder={s.type === 'array' ? '[ … ]' : '{ … }'} />}
          </div>
        );
      })}
    </div>
  );
}
