/**
 * The portal's theme, read from the colour it paints its page with: the portal has no stable
 * theme attribute to read, but a dark theme always has a dark background. Unknown → the browser's
 * preference.
 */
export type Theme = 'light' | 'dark';

export function themeOfColor(color: string): Theme | null {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(color);
  if (!m) return null;
  if (m[4] !== undefined && Number(m[4]) === 0) return null; // transparent: look further
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}

export function portalTheme(doc: Document): Theme {
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const theme = themeOfColor(getComputedStyle(el).backgroundColor);
    if (theme) return theme;
  }
  return doc.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
