// The `members` function: 会员认证, 我的 and 入会审核.
import { defineFunction } from '../_shared/function';
import { me } from './me';
import { register } from './register';
import { detail, pendingList, review } from './review';
import { updateProfile } from './updateProfile';

export const actions = { me, register, updateProfile, pendingList, detail, review };
export const main = defineFunction('members', actions);
