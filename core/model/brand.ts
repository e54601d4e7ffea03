/** A nominal type: a string that has been checked once and carries proof of it. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };
