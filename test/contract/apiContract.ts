// The API contract (typings/api.ts) and the functions' zod schemas agree, checked by the type checker:
// `npm run typecheck` (and so `npm test`) fails naming each `function.action` that a function has and the
// contract lacks or the other way round, and each whose contract input and schema input (z.input: what a
// caller may send, defaults optional) differ in either direction. Each function's actions are the map its
// index.ts exports. Not a jest test: there is nothing to run.
import type { z } from 'zod';
import type { Api, FunctionName } from '../../typings/api';
import type { actions as applications } from '../../cloudfunctions/applications';
import type { actions as campaigns } from '../../cloudfunctions/campaigns';
import type { actions as cases } from '../../cloudfunctions/cases';
import type { actions as exports } from '../../cloudfunctions/exports';
import type { actions as hardship } from '../../cloudfunctions/hardship';
import type { actions as members } from '../../cloudfunctions/members';
import type { actions as notices } from '../../cloudfunctions/notices';
import type { actions as orgs } from '../../cloudfunctions/orgs';
import type { actions as reviews } from '../../cloudfunctions/reviews';
import type { actions as roles } from '../../cloudfunctions/roles';
import type { actions as statistics } from '../../cloudfunctions/statistics';

/** Every function of the contract, by its action map. */
interface Implemented {
  applications: typeof applications;
  campaigns: typeof campaigns;
  cases: typeof cases;
  exports: typeof exports;
  hardship: typeof hardship;
  members: typeof members;
  notices: typeof notices;
  orgs: typeof orgs;
  reviews: typeof reviews;
  roles: typeof roles;
  statistics: typeof statistics;
}

/** Identical types (not merely assignable: an optional field is not a required one). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The type spelled out, so that `A & B` and the object with both fields compare the same. */
type Spelled<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { [K in keyof T]: Spelled<T[K]> } : T;
type SchemaInput<X> = X extends { input: infer S extends z.ZodType } ? z.input<S> : never;
type Named<F extends string, A> = A extends string ? `${F}.${A}` : never;
type Shared<F extends FunctionName> = keyof Api[F] & keyof Implemented[F];

type FunctionsWithoutContract = Exclude<keyof Implemented, FunctionName> | Exclude<FunctionName, keyof Implemented>;
type OnlyInFunctions = { [F in FunctionName]: Named<F, Exclude<keyof Implemented[F], keyof Api[F]>> }[FunctionName];
type OnlyInContract = { [F in FunctionName]: Named<F, Exclude<keyof Api[F], keyof Implemented[F]>> }[FunctionName];
type InputsDiffer = {
  [F in FunctionName]: { [A in Shared<F>]: Same<Spelled<SchemaInput<Implemented[F][A]>>, Spelled<Api[F][A] extends { input: infer I } ? I : never>> extends true ? never : Named<F, A> }[Shared<F>];
}[FunctionName];

/** Compiles only when T is never; otherwise the error names what T holds. */
type None<T extends never> = T;
export type ContractHolds = [None<FunctionsWithoutContract>, None<OnlyInFunctions>, None<OnlyInContract>, None<InputsDiffer>];
