/**
 * What every handler shares: its type, the refusal the user can act on, the checks of ids from the
 * page, and who is acting when. A handler receives a request `parseRequest` already checked, runs
 * core's rules on the stored state and commits what they return.
 */
import { email, type FieldError, type Instant, instantFromDate } from '../../../core/index.ts';
import type { FieldProblem, RequestOf, RequestType, Responses } from '../../shared/messages.ts';
import { loadSettings } from '../settings-store.ts';

export type Handler<K extends RequestType> = (req: RequestOf<K>) => Promise<Responses[K]>;
/** The handlers of some request types; the dispatch table is every feature's tables together. */
export type HandlerTable<K extends RequestType = RequestType> = { readonly [P in K]: Handler<P> };

/** A refusal the user can act on: shown next to the named fields. */
export class Refused extends Error {
  constructor(
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const refuse = (errors: readonly FieldError[]): never => {
  throw new Refused(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
};

/** Ids from the page are checked by core's constructors; a bad one is the user's input error. */
export function checked<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    return refuse([{ field, message: (e as Error).message }]);
  }
}

export const now = (): Instant => instantFromDate(new Date());

/** The user's email, or null while none is set. */
export async function currentActor() {
  const { email: stored } = await loadSettings();
  return stored === null ? null : email(stored);
}

/** Domain §5: every change records the user's email from the settings. */
export async function actor() {
  const who = await currentActor();
  if (who === null)
    throw new Refused('email: set your email address first', [{ field: 'email', message: 'required' }]);
  return who;
}
