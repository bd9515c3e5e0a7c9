// The `campaigns` function: 首页's open campaigns and a campaign's form for members; the campaign editor
// (create, edit, open, close) for federation officers.
import { defineFunction } from '../_shared/function';
import { save, setStatus } from './manage';
import { get, listOpen, manageList } from './read';

export const actions = { listOpen, get, manageList, save, setStatus };
export const main = defineFunction('campaigns', actions);
