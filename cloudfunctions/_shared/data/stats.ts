// The `stats` collection: the report counters (domain/figures.ts), one document per campaign (or legal aid),
// org and Shanghai day or month, changed only by the fold (data/fold.ts) from the steps' deltas.
export const STATS = 'stats';
