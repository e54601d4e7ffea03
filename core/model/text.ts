/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether text is Unicode: JSON can hold half of a surrogate pair (`"\ud800"`), UTF-8 cannot, so
 * a snapshot would keep another character (U+FFFD) than the one read, and the same input would
 * no longer import as a no-op.
 */
export const isUnicodeText = (s: string): boolean => !LONE_SURROGATE.test(s);
