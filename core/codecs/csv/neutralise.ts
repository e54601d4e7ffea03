/**
 * Formula-injection neutralisation. Spreadsheets run a cell that begins with `=`, `+`, `-`, `@`,
 * tab or CR as a formula, so such a cell is written with a leading apostrophe. To make the prefix
 * removable without guessing, a cell that already begins with an apostrophe gets one too: on read,
 * exactly one leading apostrophe is always dropped. `-1` is written `'-1`, `'x` is written `''x`.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);

export const neutralise = (cell: string): string => (TRIGGERS.has(cell.charAt(0)) ? `'${cell}` : cell);

export const unneutralise = (cell: string): string => (cell.charCodeAt(0) === 39 ? cell.slice(1) : cell);
