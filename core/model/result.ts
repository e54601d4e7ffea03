/** A rule's answer: a value, or the reasons it was refused, each naming its field (R-REQ-5). */
export type Result<T, E = FieldError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly E[] };

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E = FieldError>(...errors: E[]): Result<never, E> => ({ ok: false, errors });
