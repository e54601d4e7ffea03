// The explorer's data files (site/lib/explorer-file.ts), fetched by the explorer island on its
// page: the index at once, the device ids only to find a device by id or show one.
import type { APIRoute } from 'astro';
import { EXPLORER_DEVICE_IDS, EXPLORER_FILE } from '../../lib/explorer-file.ts';
import { type ExplorerFiles, reportExplorerFiles } from '../../lib/explorer-index.ts';
import { fullReport } from '../../lib/page-data.ts';
import { notFound } from '../../lib/routes.ts';

const FILES: Readonly<Record<string, (f: ExplorerFiles) => readonly [body: string, type: string]>> = {
  // Not indented: the file is read by code, and at 100,000 devices every byte is downloaded.
  [EXPLORER_FILE]: (f) => [JSON.stringify(f.index), 'application/json'],
  [EXPLORER_DEVICE_IDS]: (f) => [f.deviceIds, 'text/plain; charset=utf-8'],
};

export const GET: APIRoute = async ({ locals, params }) => {
  const r = fullReport(locals);
  const file = FILES[`explorer/${params.file}`];
  if (r === null || file === undefined) return notFound();
  const [body, type] = file(reportExplorerFiles(r));
  return new Response(body, { headers: { 'Content-Type': type } });
};
