// The contract check (test/contract/apiContract.ts, run by the type checker) covers every function that has
// actions: each cloudfunctions/<fn>/index.ts exports its action map and serves exactly that map.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const FUNCTIONS = path.join(ROOT, 'cloudfunctions');
const read = (p: string) => fs.readFileSync(p, 'utf8');

const withActions = fs
  .readdirSync(FUNCTIONS)
  .filter((fn) => !fn.startsWith('_') && fs.existsSync(path.join(FUNCTIONS, fn, 'index.ts')))
  .filter((fn) => /\bdefineFunction\(/.test(read(path.join(FUNCTIONS, fn, 'index.ts'))));

test('every function with actions exports its action map and serves exactly it', () => {
  expect(withActions.length).toBeGreaterThan(5);
  for (const fn of withActions) {
    const index = read(path.join(FUNCTIONS, fn, 'index.ts'));
    expect(index).toMatch(/^export const actions = \{[^}]*\};$/m);
    expect(index).toContain(`export const main = defineFunction('${fn}', actions);`);
  }
});

test('the contract check takes the action map of each of them', () => {
  const check = read(path.join(ROOT, 'test/contract/apiContract.ts'));
  const checked = [...check.matchAll(/import type \{ actions as (\w+) \} from '\.\.\/\.\.\/cloudfunctions\/(\w+)';/g)].map((m) => {
    expect(m[1]).toBe(m[2]);
    expect(check).toContain(`  ${m[1]}: typeof ${m[1]};`);
    return m[2];
  });
  expect(checked.sort()).toEqual([...withActions].sort());
});
