/**
 * A small program on cli/pull alone, run as a subprocess by the tests: it connects as the
 * environment says (AZURE_*, REMDESK_DEFENDER_API, NODE_EXTRA_CA_CERTS for trust), fetches what a
 * pull fetches, prints a JSON summary to stdout and one line per event to stderr, and exits with
 * the error's exit code. It proves the pieces work outside the test process: trust by
 * NODE_EXTRA_CA_CERTS, exit codes, nothing secret in the output.
 *
 *   tsx test/defender-stand-in/pull-probe.ts [--via-files] [--pages]
 */
import { UsageError } from '../../cli/args.ts';
import {
  activeTaskIds,
  DefenderClient,
  describeEvent,
  fetchExposureFiles,
  fetchExposurePages,
  fetchMachineReferences,
  fetchMachines,
  fetchRecommendations,
  fetchRemediationTasks,
  isPullError,
  partLines,
  redact,
  resolveConnection,
  type VendorPage,
} from '../../cli/pull/index.ts';

async function all(pages: AsyncIterable<VendorPage>): Promise<VendorPage[]> {
  const out: VendorPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let client: DefenderClient | null = null;
  try {
    const connection = resolveConnection({}, process.env);
    client = new DefenderClient({
      connection,
      retry: { baseDelayMs: 50, maxDelayMs: 200 },
      onEvent: (e) => process.stderr.write(`${describeEvent(e)}\n`),
    });
    const recommendations = await all(fetchRecommendations(client));
    const tasks = await all(fetchRemediationTasks(client));
    const ids = activeTaskIds(tasks);
    let references = 0;
    for await (const _ of fetchMachineReferences(client, ids)) references++;
    const machines = await all(fetchMachines(client));
    const summary: Record<string, unknown> = {
      recommendationPages: recommendations.length,
      taskPages: tasks.length,
      activeTasks: ids.length,
      referencePages: references,
      machinePages: machines.length,
    };
    if (args.includes('--pages')) {
      const pages = await all(fetchExposurePages(client, { pageSize: 1000 }));
      summary.exposurePages = pages.length;
      summary.lastHasNextLink = pages[pages.length - 1]?.nextLink !== null;
    }
    if (args.includes('--via-files')) {
      const files = await fetchExposureFiles(client);
      let lines = 0;
      for (const part of files.parts) for await (const l of partLines(part)) if (l !== '') lines++;
      summary.parts = files.parts.length;
      summary.exposureLines = lines;
      await files.dispose();
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } catch (e) {
    if (isPullError(e)) {
      process.stderr.write(`pull-probe: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`pull-probe: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`pull-probe: ${redact(String((e as Error).stack ?? e))}\n`);
    return 70;
  } finally {
    client?.close();
  }
}

main().then((code) => process.exit(code));
