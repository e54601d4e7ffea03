import { escape as escapeHtml } from 'html-escaper';
import type { DigestText } from './words.ts';

/**
 * Text safe inside Markdown (CommonMark with GitHub's tables, and the Markdown subset of Adaptive
 * Cards): an activity title or group name is data, and must not become a link, an image, emphasis,
 * a table cell or HTML. Every character that starts an inline construct is backslash-escaped (valid
 * for any ASCII punctuation); line breaks become spaces, so no text starts a block of its own.
 */
export function markdownText(text: string): string {
  return text.replace(/[\r\n\t\v\f]+/g, ' ').replace(/[\\`*_[\]<>|~&!#]/g, (c) => `\\${c}`);
}

/** The digest as Markdown: a heading per section, each fact a list item. */
export function digestMarkdown(t: DigestText): string {
  const lines = [`# ${markdownText(t.title)}`, '', ...t.lead.map((l) => `${markdownText(l)}\n`)];
  for (const s of t.sections) {
    lines.push(`## ${markdownText(s.heading)}`, '');
    for (const f of s.facts) lines.push(`- **${markdownText(f.label)}**: ${markdownText(f.value)}`);
    if (s.facts.length > 0) lines.push('');
    if (s.note !== null) lines.push(markdownText(s.note), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// Mail clients drop <style> and external sheets: every style is inline, and the layout is tables.
const FONT =
  "font-family:-apple-system,'Segoe UI',Roboto,'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',Arial,sans-serif";
const CELL = 'padding:4px 12px 4px 0;border-bottom:1px solid #dddddd;vertical-align:top;text-align:left';

/** The digest as a mail's HTML: one document, inline styles, every text escaped. */
export function digestHtml(t: DigestText): string {
  const h = escapeHtml;
  const parts = [
    '<!doctype html>',
    `<html lang="${h(t.locale)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${h(t.title)}</title></head>`,
    `<body style="margin:0;padding:16px;background:#ffffff;color:#1a1a1a;${FONT};font-size:14px;line-height:1.5">`,
    `<h1 style="font-size:20px;margin:0 0 8px">${h(t.title)}</h1>`,
    ...t.lead.map((l) => `<p style="margin:0 0 8px;color:#555555">${h(l)}</p>`),
  ];
  for (const s of t.sections) {
    parts.push(`<h2 style="font-size:16px;margin:20px 0 8px">${h(s.heading)}</h2>`);
    if (s.facts.length > 0) {
      parts.push('<table style="border-collapse:collapse;width:100%;max-width:720px">');
      for (const f of s.facts)
        parts.push(
          `<tr><th scope="row" style="${CELL};font-weight:normal">${h(f.label)}</th><td style="${CELL};font-weight:bold">${h(f.value)}</td></tr>`,
        );
      parts.push('</table>');
    }
    if (s.note !== null) parts.push(`<p style="margin:8px 0;color:#555555">${h(s.note)}</p>`);
  }
  parts.push('</body>', '</html>');
  return `${parts.join('\n')}\n`;
}

/**
 * The digest as the message a Teams Workflows webhook ("When a Teams webhook request is received")
 * posts: an Adaptive Card 1.5 as the message's one attachment.
 */
export function digestCard(t: DigestText): object {
  const text = (value: string, more: object = {}) => ({
    type: 'TextBlock',
    text: markdownText(value),
    wrap: true,
    ...more,
  });
  const body: object[] = [
    text(t.title, { size: 'Large', weight: 'Bolder' }),
    ...t.lead.map((l) => text(l, { isSubtle: true, spacing: 'Small' })),
  ];
  for (const s of t.sections) {
    body.push(text(s.heading, { size: 'Medium', weight: 'Bolder', separator: true, spacing: 'Medium' }));
    if (s.facts.length > 0)
      body.push({
        type: 'FactSet',
        facts: s.facts.map((f) => ({ title: markdownText(f.label), value: markdownText(f.value) })),
      });
    if (s.note !== null) body.push(text(s.note, { isSubtle: true }));
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.5',
          lang: t.locale,
          msteams: { width: 'Full' },
          body,
        },
      },
    ],
  };
}
