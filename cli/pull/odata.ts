/**
 * Reading the few things the client needs from a vendor page without parsing it whole: a page of
 * the JSON export is tens of megabytes, and the archive's codecs parse it anyway.
 */

/** Index just past the JSON string starting at `start` (a `"`), or -1 when it never ends. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let b = q - 1; text.charCodeAt(b) === 92; b--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * The value of a member of the top-level object (`"@odata.nextLink": "…"`), when it is a string.
 * Returns null when the member is absent or null. Members of nested objects (records) are never
 * taken for it, whatever they contain. Linear, and fast: string contents are skipped by indexOf.
 */
export function topLevelString(text: string, member: string): string | null {
  const n = text.length;
  let depth = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (end < 0) return null;
      if (depth === 1) {
        let j = end;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === 58 && JSON.parse(text.slice(i, end)) === member) {
          j++;
          while (j < n && isSpace(text.charCodeAt(j))) j++;
          if (text.charCodeAt(j) !== 34) return null;
          const valueEnd = stringEnd(text, j);
          return valueEnd < 0 ? null : (JSON.parse(text.slice(j, valueEnd)) as string);
        }
      }
      i = end;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
    i++;
  }
  return null;
}

/** `@odata.nextLink` of a page, as the vendor wrote it. */
export const nextLinkOf = (pageText: string): string | null => topLevelString(pageText, '@odata.nextLink');

/** The vendor's error shape `{"error":{"code","message","target"}}`, when a body has it. */
export function vendorError(text: string): { code: string | null; message: string | null } {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const e = body.error;
    return {
      code: typeof e?.code === 'string' ? e.code : null,
      message: typeof e?.message === 'string' ? e.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

/** Azure Storage's XML error code (`<Code>AuthenticationFailed</Code>`, or the x-ms-error-code header). */
export function storageErrorCode(text: string, header: string | string[] | undefined): string | null {
  const h = Array.isArray(header) ? header[0] : header;
  if (h) return h;
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? null;
}
