/**
 * The explorer island (docs/site.md): hydrated when the browser is idle, it fetches the explorer's
 * data file and offers the finder and the activity filter. Rendered on the server it shows
 * nothing, so a page without JavaScript has no control that does nothing; the page around it says
 * what it does and links to the lists.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ExplorerData, readExplorerFile } from '../../lib/explorer-file.ts';
import { ActivityFilter } from './ActivityFilter.tsx';
import { Finder } from './Finder.tsx';
import type { ExplorerMessages } from './messages.ts';
import { words } from './words.ts';

interface ExplorerProps {
  readonly messages: ExplorerMessages;
  /** The page's BCP 47 language tag, for Intl. */
  readonly locale: string;
  /** The data files' addresses: the index, and the device ids fetched when first needed. */
  readonly dataUrl: string;
  readonly idsUrl: string;
  /** The language's home (`/base/en/`), which the file's addresses start from. */
  readonly home: string;
}

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed' }
  | { readonly state: 'ready'; readonly data: ExplorerData };

export default function Explorer({ messages, locale, dataUrl, idsUrl, home }: ExplorerProps) {
  const [hydrated, setHydrated] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [ids, setIds] = useState<string | null>(null);
  const askedIds = useRef(false);
  const needIds = useCallback(() => {
    if (askedIds.current) return;
    askedIds.current = true;
    fetch(idsUrl)
      .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`${res.status} ${idsUrl}`))))
      .then(setIds)
      // Without ids, devices are still found by name; the next search asks again.
      .catch(() => {
        askedIds.current = false;
      });
  }, [idsUrl]);
  const w = useMemo(() => words(messages, locale), [messages, locale]);

  useEffect(() => {
    setHydrated(true);
    fetch(dataUrl)
      .then((res) => (res.ok ? res.json() : null))
      .then((json: unknown) => {
        const data = readExplorerFile(json);
        setLoaded(data ? { state: 'ready', data } : { state: 'failed' });
      })
      .catch(() => setLoaded({ state: 'failed' }));
  }, [dataUrl]);

  if (!hydrated) return null;
  if (loaded.state === 'loading') return <p role="status">{w.t('explorer.loading')}</p>;
  if (loaded.state === 'failed') return <p role="alert">{w.t('explorer.failed')}</p>;
  return (
    <>
      <Finder data={loaded.data} w={w} home={home} ids={ids} needIds={needIds} />
      <ActivityFilter data={loaded.data} w={w} home={home} />
    </>
  );
}
