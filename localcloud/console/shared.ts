// What every view reads, loaded once when the console opens.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleInfo, FunctionContract, TemplatesFile } from './api';

export interface Shared {
  info: ConsoleInfo;
  contract: FunctionContract[];
  templates: TemplatesFile;
}

export const Shared = createContext<Shared>(null as unknown as Shared);

export const useShared = (): Shared => useContext(Shared);

/** A person's name as the console shows it: the demo person's label, else the openid. */
export function personLabel(shared: Shared, openid: string | null): string {
  if (!openid) return '（无用户）';
  return shared.info.people.find((p) => p.openid === openid)?.label ?? openid;
}

/** A person's name alone (for narrow columns), else the openid. */
export function personName(shared: Shared, openid: string | null): string {
  if (!openid) return '（无用户）';
  return shared.info.people.find((p) => p.openid === openid)?.name ?? openid;
}
