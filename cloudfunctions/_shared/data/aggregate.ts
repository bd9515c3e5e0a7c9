// Aggregations within CloudBase's result limits: on the server an aggregate() without a $limit stage answers
// 20 results, and one with a $limit at most 10,000 (developers' measurements; localcloud does the same).
// Every aggregation of the product states how many results it can have: a bounded one asks for that many
// with .limit(), one without a bound reads its groups a page at a time with allGroups.
import { db } from '../cloud';

/** The most results one aggregate() answers, whatever its $limit. */
export const AGGREGATE_MAX_RESULTS = 10_000;

type Aggregate = ReturnType<ReturnType<typeof db.collection>['aggregate']>;

/**
 * Every group of an aggregation with no bound on its number of groups: `pipeline()` (a fresh pipeline up to
 * and including its $group) is run once per page of `page` groups, sorted by `order` (which must order the
 * group keys uniquely, so that the pages neither skip nor repeat one), until a page comes back short. Each
 * page groups the matched documents again: choose `page` so that one page is the usual case.
 */
export async function allGroups<T>(pipeline: () => Aggregate, order: Record<string, 1 | -1>, page: number): Promise<T[]> {
  if (!Number.isInteger(page) || page < 1 || page > AGGREGATE_MAX_RESULTS) throw new Error(`a page of groups is 1 to ${AGGREGATE_MAX_RESULTS}, not ${page}`);
  const groups: T[] = [];
  for (let skip = 0; ; skip += page) {
    const paged = skip ? pipeline().sort(order).skip(skip).limit(page) : pipeline().sort(order).limit(page);
    const { list } = (await paged.end()) as { list: T[] };
    groups.push(...list);
    if (list.length < page) return groups;
  }
}
