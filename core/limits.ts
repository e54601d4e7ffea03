/**
 * The bounds outside data is held to, in one place: what the command line and the extension read,
 * and what core accepts as a value. Each is far above anything real data reaches and far below
 * what would exhaust memory or poison the archive; input beyond one is refused with an error
 * naming the file, the line or field and the limit (docs/archive.md lists them).
 */
export const LIMITS = {
  /** A count (devices, CVEs, days): a whole number no larger than this, so it is exact as a double. */
  maxCount: 1_000_000_000,
  /** The earliest and the latest moment a record may carry (ISO text, inclusive, exclusive). */
  earliestInstant: '1970-01-01T00:00:00.000Z',
  latestInstant: '2200-01-01T00:00:00.000Z',
  /** One line of a one-record-per-line export (`.json.gz`), in characters once decompressed. */
  maxLineChars: 8 * 1024 * 1024,
  /** Decompressed text of one `.json.gz` part: the largest real parts hold a few gigabytes. */
  maxDecompressedBytes: 32 * 1024 ** 3,
  /**
   * Decompressed bytes per compressed byte, past the first 16 MiB: real exports compress 10–40
   * times; a gzip bomb, about a thousand. Checked against the compressed bytes read so far.
   */
  maxInflationRatio: 200,
  /** Decompressed bytes before the inflation ratio is held to: a small part may inflate more. */
  inflationGraceBytes: 16 * 1024 * 1024,
  /** A file read whole (vendor JSON, a change bundle): larger ones come as streamed exports. */
  maxWholeFileBytes: 512 * 1024 * 1024,
  /** One file of a snapshot zip once inflated, and all of them together. */
  maxZipEntryBytes: 1024 ** 3,
  maxZipTotalBytes: 2 * 1024 ** 3,
  /** Entries of a snapshot zip: it holds nine files; a zip of thousands of tiny ones is refused. */
  maxZipEntries: 64,
  /** Nesting of JSON arrays and objects: the vendor's records are a few levels deep. */
  maxJsonDepth: 64,
} as const;
