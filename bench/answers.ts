// Forms for the benchmark's submissions, each naming a child or a work site no other submission of the run
// names (the loaded world's children are born elsewhere), so none is refused as a duplicate.
import { studentAidAnswers, summerReliefAnswers } from '../test/functions/applicationsFixtures';

/** Xinjiang's 石河子: a region the world's members and children do not come from. */
const REGION = '659001';
const FIRST_BIRTHDAY = Date.UTC(2007, 0, 1);
let children = 0;
let sites = 0;

/** A 金秋助学 form for a child never named before in this run (born in 2007: a thousand a day), with the
 *  member's own upload as the admission notice. */
export function freshStudentAid(fileId: string): Record<string, unknown> {
  const n = children++;
  const born = new Date(FIRST_BIRTHDAY + Math.floor(n / 1000) * 86_400_000);
  if (born.getUTCFullYear() !== 2007) throw new Error('the bench ran out of children born in 2007');
  const first17 = `${REGION}${born.toISOString().slice(0, 10).replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return studentAidAnswers(first17, [fileId]);
}

/** A 夏送清凉 form for a work site never named before in this run. */
export function freshSummerRelief(): Record<string, unknown> {
  const n = sites++;
  return summerReliefAnswers(`压测第${n}施工队`, { address: `城关镇压测路${n}号` });
}
