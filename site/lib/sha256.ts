/**
 * SHA-256 for core's snapshot decoder in Node. Node's WebCrypto (core's default) copies the bytes
 * for its thread pool before hashing: for the 80 MB of a large snapshot that took about six times
 * as long as hashing them here.
 */
import { createHash } from 'node:crypto';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
