/**
 * Text made safe for a file name on every system, for the files the extension downloads, which
 * carry the admin and the time (`alice@contoso.com`, `2026-12-06T093512Z`): colons and fractions
 * of a second dropped, anything but letters, digits and `@._-` replaced.
 */
export const fileNamePart = (text: string): string =>
  text
    .replaceAll(':', '')
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[^A-Za-z0-9@._-]+/g, '_');
