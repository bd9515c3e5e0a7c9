// The personal-data keys of this function instance, read once from its environment.
import { loadKeys, PersonalDataKeys } from './personalData';

let keys: PersonalDataKeys | null = null;

export function personalDataKeys(): PersonalDataKeys {
  keys ??= loadKeys(process.env);
  return keys;
}
