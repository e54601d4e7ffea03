import { constants, deflateRawSync } from 'node:zlib';

/**
 * One gzip member holding `head`, then `filler` `times` over, made without compressing it all:
 * raw deflate pieces each ended by a full flush (whole bytes, no reference back) join into one
 * stream. A DecompressionStream reads one member only (browsers, and Node from 22), so a bomb must
 * be one. Its trailer (CRC, length) is zeros: the reader never gets there.
 */
export function oneGzipMember(head: Buffer, filler: Buffer, times: number): Buffer {
  const piece = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH });
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const last = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([header, piece(head), ...Array(times).fill(piece(filler)), last, Buffer.alloc(8)]);
}
