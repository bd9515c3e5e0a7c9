// The `campaigns` function: 首页's open campaigns and a campaign's form for members; the campaign editor
// (create, edit, open, close) and the service kinds (list, create, edit) for officers.
import { defineFunction } from '../_shared/function';
import { kinds, saveKind } from './kinds';
import { save, setStatus } from './manage';
import { get, listOpen, manageList } from './read';

export const actions = { listOpen, get, manageList, save, setStatus, kinds, saveKind };
export const main = defineFunction('campaigns', actions);
