// Input validation at the function boundary: zod schemas, with messages a member understands. A schema's
// own message (z.string({ error: '请填写姓名' })) wins; otherwise these plain defaults, never zod's jargon.
import { z } from 'zod';
import type { ApiError } from '../../typings/envelope';

function plainMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === '' ? '请填写此项' : '格式不对，请检查';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '请填写此项' : `至少填写 ${issue.minimum} 个字`;
      if (issue.origin === 'array') return `至少选择 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `最多填写 ${issue.maximum} 个字`;
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return '请从选项中选择';
    case 'invalid_format':
      return '格式不对，请检查';
    case 'unrecognized_keys':
      return `不认识的内容：${issue.keys.join('、')}`;
    default:
      return '填写有误，请检查';
  }
}

z.config({ customError: plainMessage });

/** Validates `input`; on failure the VALIDATION_FAILED error with one message per form field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | { ok: false; error: ApiError } {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0];
  return { ok: false, error: { code: 'VALIDATION_FAILED', message: Object.keys(fields).length === 1 && fields._ ? first : '填写的内容有误，请按提示修改', fields } };
}

export { z };
