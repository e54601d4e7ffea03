import type { Family } from './limiter.ts';

/**
 * What the client tells its caller as it works: every retry (with why and how long it waits),
 * client-side waits for the rate limits, token refreshes, pages and parts fetched. Addresses in
 * events are already redacted (a SAS link keeps no signature).
 */
export type PullEvent =
  | {
      readonly type: 'retry';
      readonly family: Family;
      readonly url: string;
      /** The try that failed (1-based). */
      readonly attempt: number;
      readonly reason: string;
      readonly delayMs: number;
    }
  | { readonly type: 'rate-limit'; readonly family: Family; readonly delayMs: number }
  | { readonly type: 'token'; readonly reason: 'first' | 'refused' }
  | {
      readonly type: 'page';
      readonly family: Family;
      readonly url: string;
      readonly index: number;
      readonly bytes: number;
    }
  | {
      readonly type: 'listing';
      readonly parts: number;
      readonly generatedTime: string;
      readonly attempt: number;
    }
  | { readonly type: 'sas-expired'; readonly part: string; readonly listing: number }
  | {
      readonly type: 'part';
      readonly name: string;
      readonly bytes: number;
      readonly done: number;
      readonly of: number;
    };

export type EventSink = (event: PullEvent) => void;

const seconds = (ms: number): string =>
  ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;

/** One plain line for a log. */
export function describeEvent(e: PullEvent): string {
  switch (e.type) {
    case 'retry':
      return `retry ${e.family}: try ${e.attempt} failed (${e.reason}); trying again in ${seconds(e.delayMs)}: ${e.url}`;
    case 'rate-limit':
      return `rate limit ${e.family}: waiting ${seconds(e.delayMs)} to stay within the documented limit`;
    case 'token':
      return e.reason === 'first' ? 'signed in' : 'the API refused the access token; signing in again';
    case 'page':
      return `${e.family}: page ${e.index + 1}, ${e.bytes} bytes`;
    case 'listing':
      return `via-files export of ${e.generatedTime}: ${e.parts} file${e.parts === 1 ? '' : 's'} (listing ${e.attempt})`;
    case 'sas-expired':
      return `the download link of ${e.part} has expired; asking for a new listing (${e.listing + 1})`;
    case 'part':
      return `downloaded ${e.name} (${e.bytes} bytes), ${e.done} of ${e.of}`;
  }
}
