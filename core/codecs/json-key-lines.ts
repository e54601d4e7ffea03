/**
 * The line each property of a hand-written JSON file starts on, by its dotted path of keys
 * (`sla.activity.High`), so a complaint about a settings file can point at the line. A light scan
 * of text already known to be JSON; keys inside arrays are not tracked (settings have none).
 */
export function keyLines(text: string): ReadonlyMap<string, number> {
  const lines = new Map<string, number>();
  /** For each open object or array, the path of keys to it; arrays get null (not tracked). */
  const open: (string | null)[] = [];
  let line = 1;
  let pendingKey: string | null = null;
  let lastString: { text: string; line: number } | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      lastString = { text: JSON.parse(text.slice(start, i + 1)) as string, line };
    } else if (c === 58 && lastString) {
      const parent = open.at(-1);
      pendingKey =
        parent === null || parent === undefined
          ? null
          : parent
            ? `${parent}.${lastString.text}`
            : lastString.text;
      if (pendingKey !== null) lines.set(pendingKey, lastString.line);
      lastString = null;
    } else if (c === 123) {
      open.push(open.length === 0 ? '' : pendingKey);
      pendingKey = null;
    } else if (c === 91) open.push(null);
    else if (c === 125 || c === 93) open.pop();
    else if (c === 44) lastString = null;
  }
  return lines;
}
