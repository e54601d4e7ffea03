import { InputError } from '../../errors.ts';

/** Run `f` and return the InputError it must throw (any other outcome fails the test). */
export function inputErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/** Same for a promise. */
export async function asyncInputErrorOf(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/** A vendor OData envelope around records, pretty-printed like the API (one field per line). */
export const envelope = (context: string, records: readonly object[]): string =>
  JSON.stringify(
    { '@odata.context': `https://api.securitycenter.microsoft.com/api/$metadata#${context}`, value: records },
    null,
    4,
  );
