// The latest snapshot's own files (CSV + manifest.json), byte for byte, beside the pages.
import type { APIRoute } from 'astro';
import { loadReport } from '../../lib/report.ts';

export async function getStaticPaths() {
  const r = await loadReport();
  return [...r.archive.latest.files.keys()].map((name) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) => {
  const r = await loadReport();
  const bytes = r.archive.latest.files.get(String(params.name)) ?? new Uint8Array();
  return new Response(bytes as Uint8Array<ArrayBuffer>);
};
