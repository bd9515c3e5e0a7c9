// Sample function: who is calling, and what they sent. Identity comes only from getWXContext().
import { cloud } from '../_shared/cloud';

export async function main(event: Record<string, unknown>) {
  const { OPENID } = cloud.getWXContext();
  return { openid: OPENID, event };
}
