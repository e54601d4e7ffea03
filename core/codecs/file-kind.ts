/**
 * What a file holds, from its first bytes, never its name: a zip (a snapshot the extension
 * exported), gzip (a part of a via-files export), or text (vendor JSON). Every surface asks here.
 */
export type FileKind = 'zip' | 'gzip' | 'text';

export function fileKindOf(head: Uint8Array): FileKind {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  return 'text';
}
