import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { intOption, parse, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { shown } from '../io.ts';
import { normaliseBase } from './report.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The file a request path names inside `root`, or null. Decoded, resolved and checked to stay
 * inside root, so `..`, encoded slashes and NUL bytes cannot reach other files; folders serve
 * their index.html.
 */
export async function resolveRequest(root: string, urlPath: string, base = '/'): Promise<string | null> {
  if (!urlPath.startsWith(base) && `${urlPath}/` !== base) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.slice(base.length - 1).split('?')[0] ?? '');
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const full = resolve(root, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  const s = await stat(full).catch(() => null);
  if (s?.isFile()) return full;
  if (s?.isDirectory()) {
    const index = join(full, 'index.html');
    return (await stat(index).catch(() => null))?.isFile() ? index : null;
  }
  return null;
}

export interface StaticServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Serves a built site from `dir` on 127.0.0.1 (port 0 picks a free one). */
export async function serveSite(
  dir: string,
  opts: { port?: number; base?: string } = {},
): Promise<StaticServer> {
  const root = resolve(dir);
  const base = normaliseBase(opts.base ?? '/');
  const notFound = join(root, '404.html');
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // A folder without its trailing slash: redirect, so relative URLs inside it resolve.
    const file = await resolveRequest(root, path, base);
    if (file && !path.endsWith('/') && file.endsWith(`${sep}index.html`) && !path.endsWith('index.html')) {
      res.writeHead(301, { Location: `${path}/` }).end();
      return;
    }
    const found = file ?? ((await stat(notFound).catch(() => null))?.isFile() ? notFound : null);
    const status = file ? 200 : 404;
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(status, {
      'Content-Type': TYPES[extname(found).toLowerCase()] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(found).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve a built report site locally',
  help: `Usage: remdesk serve DIR [--port N] [--base /sub/path/]

Serves the site built by \`remdesk report\` from DIR on 127.0.0.1 and prints its address. Stop it
with Ctrl+C.

Options:
  --port N       port to listen on (default 4321; 0 picks a free one)
  --base PATH    the sub-path the site was built for with report --base (default /)`,
  async run(args, io) {
    const p = parse(args, { port: { type: 'string' }, base: { type: 'string' } });
    const [dir, ...extra] = p.positionals;
    if (dir === undefined) throw new UsageError('the site folder is required: remdesk serve DIR');
    if (extra.length > 0) throw new UsageError(`one folder only, got also "${extra.join(' ')}"`);
    if (!(await stat(join(dir, 'index.html')).catch(() => null))?.isFile()) {
      throw new UsageError(
        `${dir} has no index.html: build it first with remdesk report --data ARCHIVE --out ${dir}`,
      );
    }
    const port = intOption(p, 'port', 4321, 0, 65535);
    const s = await serveSite(dir, { port, base: stringOption(p, 'base') ?? '/' });
    io.out(shown`Serving ${dir} at ${s.url}`);
    io.out('Press Ctrl+C to stop.');
    await new Promise<void>((done) => {
      const stop = () => void s.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
