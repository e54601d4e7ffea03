import { createHash } from 'node:crypto';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/**
 * A URL path segment for an id. Vendor ids are usually GUIDs and kept as they are; anything else
 * (spaces, slashes, markup in hostile data, very long ids) becomes a stable hash, so no id can
 * escape its folder or break a link.
 */
export const slugOf = (id: string): string =>
  SAFE.test(id) && !id.startsWith('h-')
    ? id
    : `h-${createHash('sha256').update(id).digest('hex').slice(0, 20)}`;
