import { setTimeout as sleep } from 'node:timers/promises';
import { DIGEST_LANGS, digestCard, digestText } from '../../core/index.ts';
import { readReport } from '../../site/lib/report.ts';
import { reportDigest } from '../../site/lib/report-digest.ts';
import { refuseOutsideLinks } from '../archive/links.ts';
import { parse, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';
import { PULL_EXIT, redact, registerSecret } from '../pull/errors.ts';
import { backoffDelay, DEFAULT_RETRY, isServerError, type RetryPolicy, retryAfterMs } from '../pull/retry.ts';
import { asTransportError, readText, Transport } from '../pull/transport.ts';

/**
 * A webhook is posted to once per run, unattended: a few tries over about half a minute, and a
 * throttled answer waited for a minute at most, so a nightly job ends instead of hanging.
 */
const RETRY: RetryPolicy = {
  ...DEFAULT_RETRY,
  attempts: 4,
  maxDelayMs: 8000,
  throttles: 4,
  maxRetryAfterMs: 60_000,
  timeoutMs: 30_000,
};

/** The webhook's address, checked, with every part of it registered as a secret for `redact`. */
export function webhookUrl(given: string | undefined, env: string | undefined): URL {
  const raw = given ?? (env === '' ? undefined : env);
  if (raw === undefined || raw === '')
    throw new UsageError('no webhook: set REMDESK_WEBHOOK (or give --webhook URL)');
  registerSecret(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The message would hold the address: said without it.
    throw new UsageError('the webhook address is not a URL');
  }
  // Whoever has the address can post to the channel: it never travels in the clear.
  if (url.protocol !== 'https:') throw new UsageError('the webhook address must start with https://');
  for (const part of [url.href, url.host, url.hostname, `${url.pathname}${url.search}`, url.pathname])
    registerSecret(part);
  for (const value of url.searchParams.values()) registerSecret(value);
  return url;
}

type Outcome = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly line: string };

/** POSTs `body` to the webhook: 5xx, 408, resets and timeouts retried, 429 after its Retry-After. */
async function post(url: URL, body: string, io: Io): Promise<Outcome> {
  const transport = new Transport({ maxSockets: 1 });
  let failed = 0;
  let throttled = 0;
  try {
    for (;;) {
      let wait: number;
      let reason: string;
      try {
        const res = await transport.send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'remdesk-notify/0.1' },
          body,
          timeoutMs: RETRY.timeoutMs,
        });
        // A body that is not text still has a status worth saying.
        const text = await readText(res.body).catch((e: unknown) => {
          if (asTransportError(e)) throw e;
          return '';
        });
        if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
        const said = `HTTP ${res.status}${text.trim() === '' ? '' : `: ${text.trim().split(/\r?\n/)[0]?.slice(0, 300)}`}`;
        if (res.status === 429 && throttled < RETRY.throttles) {
          throttled++;
          wait =
            retryAfterMs(res.headers['retry-after'], Date.now()) ??
            backoffDelay(throttled, RETRY, Math.random);
          if (wait > RETRY.maxRetryAfterMs)
            return { ok: false, line: `${said} (it asks to wait ${Math.round(wait / 1000)} s)` };
        } else if (isServerError(res.status) && ++failed < RETRY.attempts) {
          wait = backoffDelay(failed, RETRY, Math.random);
        } else {
          return { ok: false, line: said };
        }
        reason = said;
      } catch (e) {
        const t = asTransportError(e);
        if (t === null || ++failed >= RETRY.attempts)
          return { ok: false, line: `no answer (${(e as Error).message})` };
        wait = backoffDelay(failed, RETRY, Math.random);
        reason = t.message;
      }
      io.err(redact(`remdesk notify: the webhook: ${reason}; trying again in ${(wait / 1000).toFixed(1)} s`));
      await sleep(wait);
    }
  } finally {
    transport.close();
  }
}

export const notifyCommand: Command = {
  name: 'notify',
  summary: "post the week's digest to a Teams channel (a Workflows webhook)",
  help: `Usage: remdesk notify [--data DIR] [--lang en|zh-cn] [--webhook URL]

Posts the week's digest of the archive in DIR (the report's headline metrics, what changed since
the previous snapshot, the most urgent overdue activities, exposures past their SLA by device
group) as an Adaptive Card to a Microsoft Teams Workflows webhook ("When a Teams webhook request
is received"): the card \`remdesk report\` writes as card.LANG.json.

The webhook's address is a secret (whoever has it can post to the channel): give it in the
environment as REMDESK_WEBHOOK, which a CI keeps as a masked secret; --webhook shows it to anyone
who can list processes. It is never printed, in errors neither.

A 5xx, 408, reset or timeout (30 s) is tried again up to 4 times in all, a 429 after the wait it
asks (a minute at most). Exit 5 when the webhook refuses the card or cannot be reached, with its
status and the first line of its answer.

Options:
  --data DIR      archive folder (default: the current folder)
  --lang LANG     the card's language: en (default) or zh-cn
  --webhook URL   the webhook's https:// address (default: REMDESK_WEBHOOK)`,
  async run(args, io) {
    const p = parse(args, {
      data: { type: 'string' },
      lang: { type: 'string' },
      webhook: { type: 'string' },
    });
    const url = webhookUrl(stringOption(p, 'webhook'), process.env.REMDESK_WEBHOOK);
    const given = stringOption(p, 'lang') ?? 'en';
    const lang = DIGEST_LANGS.find((l) => l === given);
    if (lang === undefined)
      throw new UsageError(`--lang must be ${DIGEST_LANGS.join(' or ')}, got "${given}"`);
    // Not echoed: a positional argument may well be the webhook's address, given without --webhook.
    if (p.positionals.length > 0) throw new UsageError('notify takes no file or address without an option');
    const data = stringOption(p, 'data') ?? '.';
    // The report reads the archive itself (site/lib): a link out of it is refused here first.
    await refuseOutsideLinks(data);
    io.progress(`reading ${data}…`);
    const r = await readReport(data);
    const card = digestCard(digestText(reportDigest(r), lang));
    const outcome = await post(url, JSON.stringify(card), io);
    if (!outcome.ok) {
      io.err(redact(`remdesk notify: the webhook did not take the card: ${outcome.line}`));
      return PULL_EXIT.network;
    }
    io.out(
      `posted the digest of snapshot ${r.archive.latest.label} (${lang}) to the webhook: HTTP ${outcome.status}`,
    );
    return 0;
  },
};
