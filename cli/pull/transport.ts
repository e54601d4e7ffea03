import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';

/**
 * HTTPS requests on node's own client: one keep-alive agent for the API, the sign-in and the
 * storage downloads; bodies as streams. `ca` adds a certificate to trust beside the system's (the
 * environment's NODE_EXTRA_CA_CERTS is honoured as well, as node always does).
 */

export interface TransportOptions {
  /** Extra trusted certificate(s), PEM, added to node's root certificates. */
  readonly ca?: string;
  readonly maxSockets?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: IncomingMessage;
}

/** A connection that failed, was reset or went quiet: worth another try. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface RequestInit {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Socket inactivity limit, for the whole exchange (body included). */
  readonly timeoutMs: number;
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

export function asTransportError(e: unknown): TransportError | null {
  if (e instanceof TransportError) return e;
  const err = e as NodeJS.ErrnoException | undefined;
  if (!err || typeof err !== 'object') return null;
  const code = err.code ?? (err.message === 'aborted' ? 'ECONNRESET' : undefined);
  if (code && (RETRYABLE_CODES.has(code) || code === 'ERR_STREAM_PREMATURE_CLOSE')) {
    return new TransportError(code, err.message);
  }
  if (err.message === 'socket hang up' || err.message === 'aborted')
    return new TransportError('ECONNRESET', err.message);
  return null;
}

export class Transport {
  private readonly agent: Agent;

  constructor(options: TransportOptions = {}) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 8,
      ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
    });
  }

  /** Sends one request; resolves when the response's head arrives (its body still to read). */
  send(url: URL, init: RequestInit): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method ?? 'GET',
          agent: this.agent,
          headers: {
            'user-agent': 'remdesk-pull/0.1',
            ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
            ...init.headers,
          },
        },
        (res) => {
          res.on('error', () => {});
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
        },
      );
      req.setTimeout(init.timeoutMs, () => {
        const s = init.timeoutMs >= 1000 ? `${Math.round(init.timeoutMs / 1000)} s` : `${init.timeoutMs} ms`;
        req.destroy(new TransportError('ETIMEDOUT', `no answer for ${s}`));
      });
      req.on('error', (e) => {
        reject(asTransportError(e) ?? e);
      });
      req.end(init.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The whole body as strict UTF-8 text; a body cut short rejects with a TransportError. */
export async function readText(body: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const c of body) {
      chunks.push(c as Buffer);
      length += (c as Buffer).length;
    }
  } catch (e) {
    throw asTransportError(e) ?? e;
  }
  if (!body.complete) throw new TransportError('ECONNRESET', 'the answer was cut short');
  const expected = body.headers['content-length'];
  if (expected !== undefined && Number(expected) !== length) {
    throw new TransportError('ECONNRESET', `the answer was cut short (${length} of ${expected} bytes)`);
  }
  const bytes = Buffer.concat(chunks, length);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TypeError('the answer is not valid UTF-8');
  }
}

/** Reads and drops a body (so its connection can be reused). */
export async function drain(body: IncomingMessage): Promise<void> {
  try {
    for await (const _ of body) {
      // discard
    }
  } catch {
    // a broken body is no loss here
  }
}
