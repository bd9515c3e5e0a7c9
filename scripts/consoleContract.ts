// The API contract as the localcloud console's call form reads it (dist/localcloud/console/contract.json):
// for each function, each action's input as JSON Schema, made from the zod schema the function validates
// with (its `actions` map: the runtime form of typings/), and the action's documentation and its input and
// output types as typings/ declares them. Build time only: nothing of this reaches a function's bundle.
import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';

export interface ActionContract {
  /** JSON Schema (draft 2020-12) of the event's fields besides `action` */
  schema: unknown;
  /** typings/'s documentation of the action */
  doc: string;
  /** typings/'s input and output types, as TypeScript prints them */
  input: string | null;
  output: string | null;
}

export interface FunctionContract {
  name: string;
  /** null: the function routes no actions (it takes any event) */
  actions: Record<string, ActionContract> | null;
}

type Declared = Map<string, Map<string, { doc: string; input: string | null; output: string | null }>>;

/** Each function's actions as typings/api.ts's `Api` interface declares them. */
function declaredActions(root: string): Declared {
  const file = path.join(root, 'typings/api.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const api = checker.getExportsOfModule(module).find((s) => s.name === 'Api')!;
  const print = (t: ts.Type | undefined) => (t ? checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation) : null);
  const declared: Declared = new Map();
  for (const fn of checker.getDeclaredTypeOfSymbol(api).getProperties()) {
    const actions = new Map<string, { doc: string; input: string | null; output: string | null }>();
    for (const action of checker.getTypeOfSymbol(fn).getProperties()) {
      const type = checker.getTypeOfSymbol(action);
      const part = (name: string) => {
        const p = type.getProperty(name);
        return p ? checker.getTypeOfSymbol(p) : undefined;
      };
      actions.set(action.name, { doc: ts.displayPartsToString(action.getDocumentationComment(checker)), input: print(part('input')), output: print(part('output')) });
    }
    declared.set(fn.name, actions);
  }
  return declared;
}

export async function consoleContract(root: string, functions: string[]): Promise<FunctionContract[]> {
  const declared = declaredActions(root);
  const out: FunctionContract[] = [];
  for (const name of functions) {
    const mod = (await import(path.join(root, 'cloudfunctions', name, 'index.ts'))) as { actions?: Record<string, { input: z.ZodType }> };
    if (!mod.actions) {
      out.push({ name, actions: null });
      continue;
    }
    const actions: Record<string, ActionContract> = {};
    for (const [action, def] of Object.entries(mod.actions)) {
      const typed = declared.get(name)?.get(action);
      actions[action] = { schema: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }), doc: typed?.doc ?? '', input: typed?.input ?? null, output: typed?.output ?? null };
    }
    out.push({ name, actions });
  }
  return out;
}
