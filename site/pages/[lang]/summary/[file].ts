// The summary's digest to forward (core's renderings of the one digest): Markdown, the HTML of a
// mail, and the Adaptive Card a Teams Workflows webhook posts (what `remdesk notify` sends).
import type { APIRoute } from 'astro';
import { digestCard, digestHtml, digestMarkdown, digestText } from '../../../../core/index.ts';
import { fullReport } from '../../../lib/page-data.ts';
import { digestFiles, reportDigest } from '../../../lib/report-digest.ts';
import { langParam, notFound } from '../../../lib/routes.ts';

export const GET: APIRoute = ({ params, locals }) => {
  const r = fullReport(locals);
  const lang = langParam(params.lang);
  if (r === null || lang === null) return notFound();
  const files = digestFiles(lang);
  const text = digestText(reportDigest(r), lang);
  const answer = (body: string, type: string) => new Response(body, { headers: { 'Content-Type': type } });
  switch (params.file) {
    case files.markdown:
      return answer(digestMarkdown(text), 'text/markdown; charset=utf-8');
    case files.html:
      return answer(digestHtml(text), 'text/html; charset=utf-8');
    case files.card:
      return answer(`${JSON.stringify(digestCard(text), null, 2)}\n`, 'application/json');
    default:
      return notFound();
  }
};
