/**
 * A value read from history.jsonl as a message shows it: its type and, briefly, the value, so a
 * person can find it in the line without the message repeating a long figure or string.
 */
export function shownValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v);
  return `${typeof v} ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
}
