// Fails `pnpm typecheck` when the server no longer keeps a promise that released builds of the
// phone app rely on (released.ts). Each error names the procedure; README.md says what breaks
// installed apps and how to make such a change safely.
import type { AppRouter, RouterInputs, RouterOutputs } from "@bazaar/api";

import type { Assignable, Breaks, CurrentContract, Inputs, Kinds, Outputs } from "./check.ts";
import type { Released } from "./released.ts";

/** The live server's side of each promise in released.ts. */
type Current = CurrentContract<AppRouter, RouterInputs, RouterOutputs, Extract<keyof Released, string>>;

/**
 * Every broken procedure at once, e.g. `"orders.get: refuses an input that released builds may send"`
 * (`& string` makes tsc print the list itself rather than the name `Breaks<...>`).
 */
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- see above
export type NothingBroken = Assignable<Breaks<Released, Current> & string, never>;

// The same promises one by one, with tsc's reason for the first procedure that breaks each.

/** Each procedure still exists, as the same kind (query, mutation or subscription). */
export type ProceduresStillThere = Assignable<Kinds<Current>, Kinds<Released>>;

/** Whatever a released build may send is still accepted: new input fields must be optional. */
export type InputsStillAccepted = Assignable<Inputs<Released>, Inputs<Current>>;

/** Every output still has what a released build reads, typed as it expects; more is fine. */
export type OutputsStillReadable = Assignable<Outputs<Current>, Outputs<Released>>;
