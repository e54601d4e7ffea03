/**
 * Builds the extension: `tsx extension/build.ts`. Two vite builds (the pages with the service worker;
 * the content script as one classic iife file) into a staging folder, then three loadable folders
 * that differ only in their manifest:
 *   dist/extension-chrome/   Chrome and other Chromium browsers
 *   dist/extension-firefox/  Firefox (background.scripts, gecko id)
 *   dist/extension-demo/     Chromium, content script also on http://127.0.0.1/* for `npm run portal`
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const dist = join(repo, 'dist');
const staging = join(dist, '.extension-build');

export const PORTAL_MATCH = 'https://security.microsoft.com/*';
export const DEMO_MATCH = 'http://127.0.0.1/*';
export const GECKO_ID = 'remdesk@remediation-desk.local';

export type Target = 'chrome' | 'firefox' | 'demo';

const shared: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  root: here,
  base: './',
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    reportCompressedSize: false,
  },
};

async function buildBundles(): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  await build({
    ...shared,
    build: {
      ...shared.build,
      outDir: staging,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          popup: join(here, 'pages/popup.html'),
          options: join(here, 'pages/options.html'),
          background: join(here, 'background/background.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  });
  await build({
    ...shared,
    build: {
      ...shared.build,
      outDir: staging,
      emptyOutDir: false,
      lib: {
        entry: join(here, 'content/main.ts'),
        formats: ['iife'],
        name: 'remdeskContent',
        fileName: () => 'content.js',
      },
    },
  });
}

/** Where a team's report may be published: any https origin, or this machine (a local preview). */
const REPORT_MATCHES = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

export function manifest(target: Target, version: string): Record<string, unknown> {
  const matches = target === 'demo' ? [PORTAL_MATCH, DEMO_MATCH] : [PORTAL_MATCH];
  return {
    manifest_version: 3,
    name: target === 'demo' ? 'Remediation Desk (demo)' : 'Remediation Desk',
    version,
    description:
      'Request, track and complete vulnerability remediation from the security portal. Data stays in your browser.',
    permissions: ['storage', 'alarms'],
    host_permissions: [PORTAL_MATCH],
    // The team's published report, wherever the team hosts it: asked for at run time, for the one
    // origin the admin sets (R-MERGE-1), never granted at install.
    optional_host_permissions: REPORT_MATCHES,
    background:
      target === 'firefox'
        ? { scripts: ['background.js'], type: 'module' }
        : { service_worker: 'background.js', type: 'module' },
    action: { default_popup: 'pages/popup.html', default_title: 'Remediation Desk' },
    options_ui: { page: 'pages/options.html', open_in_tab: true },
    content_scripts: [{ matches, js: ['content.js'], run_at: 'document_start' }],
    ...(target === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  };
}

export async function buildExtension(
  targets: readonly Target[] = ['chrome', 'firefox', 'demo'],
): Promise<void> {
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { version: string };
  await buildBundles();
  for (const target of targets) {
    const out = join(dist, `extension-${target}`);
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    await cp(staging, out, { recursive: true });
    await writeFile(
      join(out, 'manifest.json'),
      `${JSON.stringify(manifest(target, pkg.version), null, 2)}\n`,
    );
  }
  await rm(staging, { recursive: true, force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildExtension();
  console.log(`extension built in ${Date.now() - started} ms: dist/extension-{chrome,firefox,demo}/`);
}
