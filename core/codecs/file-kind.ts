/**
 * What a file holds, from its first bytes, never its name: a zip (a snapshot, or a team state),
 * gzip (a part of a via-files export), a change bundle (an admin's changes, R-MERGE-1), or other
 * text (vendor JSON). Every surface asks here, with at least FILE_KIND_HEAD bytes when the file has
 * them.
 */
export type FileKind = 'zip' | 'gzip' | 'bundle' | 'text';

/** A change bundle's file starts with exactly this (see change-bundle-file.ts). */
const BUNDLE_START = new TextEncoder().encode('{"format":"remdesk-change-bundle"');

/** How many leading bytes `fileKindOf` needs. */
export const FILE_KIND_HEAD = BUNDLE_START.length;

export function fileKindOf(head: Uint8Array): FileKind {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= BUNDLE_START.length && BUNDLE_START.every((b, i) => head[i] === b)) return 'bundle';
  return 'text';
}
