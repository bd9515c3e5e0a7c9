// Queries no declared index serves: counted against the invocation that sent them (stats), logged once
// per query shape, and listed at GET /__localcloud/database/unindexed (DELETE resets the list), so a
// test can assert that an action only runs indexed queries. Sorting a large scan in memory is logged.
import { HttpRoute, LocalCloudContext } from '../server';
import { Doc } from './ejson';
import { Plan, queryShape } from './planner';
import { Collection } from './store';

/** A sort over more candidates than this, which no index serves, is worth a log line. */
const LARGE_SORT = 1000;

export type QueryKind = 'get' | 'count' | 'write' | 'aggregate';

interface Shape {
  collection: string;
  shape: string;
  count: number;
}

export class UnindexedQueries {
  private total = 0;
  private readonly shapes = new Map<string, Shape>();
  private readonly loggedSorts = new Set<string>();

  constructor(private readonly ctx: LocalCloudContext) {}

  /**
   * Records `query` if no index serves it. A query without conditions is served for a count (metadata)
   * and for an unsorted page (the first documents found); a sort must then start an index.
   */
  check(collection: Collection, query: Doc, plan: Plan, kind: QueryKind, invocationId?: string, order?: Record<string, number>): void {
    const sortFields = Object.keys(order ?? {});
    const served =
      plan.served === true ||
      (plan.served === 'empty' && (kind === 'count' || (kind === 'get' && (sortFields.length === 0 || collection.hasLeadingField(sortFields[0])))));
    const shape = JSON.stringify(queryShape(query)) + (sortFields.length ? ` orderBy ${JSON.stringify(order)}` : '');
    const sorted = !plan.ordered && Array.isArray(plan.docs) ? plan.docs.length : 0;
    if (sortFields.length && sorted > LARGE_SORT && !this.loggedSorts.has(collection.name + shape)) {
      this.loggedSorts.add(collection.name + shape);
      this.ctx.log(`database: ${collection.name} sorted ${sorted} candidates in memory for ${shape}`);
    }
    if (served) return;
    this.total += 1;
    this.ctx.stats.recordUnindexed(invocationId);
    const key = `${collection.name}\u0000${shape}`;
    const known = this.shapes.get(key);
    if (known) return void (known.count += 1);
    this.shapes.set(key, { collection: collection.name, shape, count: 1 });
    this.ctx.log(`database: unindexed ${kind} on ${collection.name}: ${shape} (declare an index in cloudbase/collections.json)`);
  }

  routes(): HttpRoute[] {
    const path = /^\/__localcloud\/database\/unindexed$/;
    const report = () => ({ total: this.total, shapes: [...this.shapes.values()] });
    return [
      { method: 'GET', path, handle: async (c) => c.json(200, report()) },
      {
        method: 'DELETE',
        path,
        handle: async (c) => {
          this.total = 0;
          this.shapes.clear();
          c.json(200, report());
        },
      },
    ];
  }
}
