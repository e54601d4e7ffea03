/**
 * Finds a device by name or id, or a recommendation by name or id, and shows what covers it: the
 * activities targeting a device with its state in each, and the exceptions of its recommendations
 * with their status for it; or a recommendation's activities and exceptions. Everything shown is
 * looked up in the data file, where core's deviceCoverage put it.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { DEVICE_ID_LENGTH, deviceIdAt, type ExplorerData } from '../../lib/explorer-file.ts';
import { ActivitiesTable, ExceptionsTable, groupsText } from './parts.tsx';
import type { Words } from './words.ts';

/** Matches listed at most, of each kind: a longer list is a search to refine. */
const LIST = 20;

type Found = { readonly kind: 'device' | 'recommendation'; readonly place: number };

interface Matches {
  readonly devices: readonly number[];
  readonly deviceTotal: number;
  readonly recommendations: readonly number[];
}

/** What may be part of a device id: the device ids are fetched for it. */
const ID_LIKE = /^[0-9a-f]{4,40}$/;

/** Devices whose name or id (once fetched) holds `q`, and recommendations whose name or id does. */
function search(data: ExplorerData, lowerNames: readonly string[], ids: string | null, q: string): Matches {
  const devices: number[] = [];
  let deviceTotal = 0;
  const hit = (place: number) => {
    if (deviceTotal++ < LIST) devices.push(place);
  };
  const byId = new Set<number>();
  // The ids are one string end to end: a match inside one id, not across two, names its device.
  if (ids !== null) {
    for (let at = ids.indexOf(q); at !== -1; at = ids.indexOf(q, at + 1)) {
      const place = Math.floor(at / DEVICE_ID_LENGTH);
      if (at + q.length <= (place + 1) * DEVICE_ID_LENGTH && !byId.has(place)) {
        byId.add(place);
        hit(place);
      }
    }
  }
  lowerNames.forEach((name, place) => {
    if (!byId.has(place) && name.includes(q)) hit(place);
  });
  const recs = data.file.recommendations;
  const recommendations = recs.ids.flatMap((id, place) =>
    id.toLowerCase().includes(q) || (recs.names[place] ?? '').toLowerCase().includes(q) ? [place] : [],
  );
  return { devices, deviceTotal, recommendations: recommendations.slice(0, LIST) };
}

/** A search that finds one thing shows it at once. */
function onlyMatch({ devices, deviceTotal, recommendations }: Matches): Found | null {
  const [device] = devices;
  const [recommendation] = recommendations;
  if (device !== undefined && deviceTotal === 1 && recommendation === undefined) {
    return { kind: 'device', place: device };
  }
  if (recommendation !== undefined && recommendations.length === 1 && deviceTotal === 0) {
    return { kind: 'recommendation', place: recommendation };
  }
  return null;
}

interface FinderProps {
  readonly data: ExplorerData;
  readonly w: Words;
  readonly home: string;
  /** The device ids, once fetched (explorer-file.ts), and how to ask for them. */
  readonly ids: string | null;
  readonly needIds: () => void;
}

export function Finder({ data, w, home, ids, needIds }: FinderProps) {
  const { file } = data;
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Found | null>(null);
  const lowerNames = useMemo(() => file.devices.names.map((n) => n.toLowerCase()), [file]);
  const q = query.trim().toLowerCase();
  // Searched again at each render: a scan of 100,000 names takes a few milliseconds.
  const matches = q === '' ? null : search(data, lowerNames, ids, q);
  const only = matches === null ? null : onlyMatch(matches);
  const shown = only ?? chosen;
  const idOf = (place: number) => (ids === null ? null : deviceIdAt(ids, place));
  // A device the device list lacks is found by its id only, so its id is there to name it.
  const deviceName = (place: number) => file.devices.names[place] || (idOf(place) ?? '');
  const idLike = ID_LIKE.test(q);
  const showsDevice = shown?.kind === 'device';
  useEffect(() => {
    if (idLike || showsDevice) needIds();
  }, [idLike, showsDevice, needIds]);

  return (
    <section aria-labelledby={`${inputId}-h`} className="explorer-find">
      <h2 id={`${inputId}-h`}>{w.t('explorer.find')}</h2>
      <search>
        <form onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={inputId}>{w.t('explorer.query')}</label>
          <input
            id={inputId}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setChosen(null);
            }}
          />
        </form>
      </search>
      {matches && !only ? (
        <div aria-live="polite">
          {matches.deviceTotal + matches.recommendations.length === 0 ? (
            <p>{w.t('explorer.noMatch')}</p>
          ) : (
            <ul className="explorer-matches">
              {matches.devices.map((place) => (
                <li key={`d${place}`}>
                  <button type="button" onClick={() => setChosen({ kind: 'device', place })}>
                    {w.t('col.device')}: {deviceName(place)}
                  </button>
                </li>
              ))}
              {matches.recommendations.map((place) => (
                <li key={`r${place}`}>
                  <button type="button" onClick={() => setChosen({ kind: 'recommendation', place })}>
                    {w.t('col.recommendation')}: {file.recommendations.names[place]}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {matches.deviceTotal > LIST ? (
            <p>{w.t('explorer.firstOf', { shown: LIST, total: matches.deviceTotal })}</p>
          ) : null}
        </div>
      ) : null}
      {shown?.kind === 'device' ? (
        <Device
          data={data}
          w={w}
          home={home}
          place={shown.place}
          name={deviceName(shown.place)}
          id={idOf(shown.place)}
        />
      ) : null}
      {shown?.kind === 'recommendation' ? (
        <Recommendation data={data} w={w} home={home} place={shown.place} />
      ) : null}
    </section>
  );
}

interface DetailProps {
  readonly data: ExplorerData;
  readonly w: Words;
  readonly home: string;
  readonly place: number;
}

function Device({
  data,
  w,
  home,
  place,
  name,
  id,
}: DetailProps & { readonly name: string; readonly id: string | null }) {
  const { file } = data;
  const activities = data.activitiesOf(place);
  const exceptions = data.exceptionsOf(place);
  const parts = { file, w, home };
  return (
    <article className="explorer-result">
      <h3>{name}</h3>
      <dl>
        <dt>{w.t('explorer.deviceId')}</dt>
        <dd>{id ?? w.t('explorer.loading')}</dd>
        <dt>{w.t('col.group')}</dt>
        <dd>{groupsText({ file, w }, [file.devices.group[place] ?? -1])}</dd>
        {file.devices.names[place] ? null : <dd>{w.t('explorer.unnamed')}</dd>}
      </dl>
      <h4>{w.t('explorer.targetedBy')}</h4>
      {activities.length === 0 ? (
        <p>{w.t('explorer.none')}</p>
      ) : (
        <ActivitiesTable
          {...parts}
          rows={activities.map((a) => a.activity)}
          states={activities.map((a) => w.t(`device.${a.state}`))}
        />
      )}
      <h4>{w.t('explorer.exceptionsOf')}</h4>
      {exceptions.length === 0 ? (
        <p>{w.t('explorer.none')}</p>
      ) : (
        <ExceptionsTable
          {...parts}
          rows={exceptions.map((e) => e.exception)}
          forDevice={exceptions.map((e) => ({ status: w.t(`exc.${e.status}`), coversGroup: e.coversGroup }))}
        />
      )}
    </article>
  );
}

function Recommendation({ data, w, home, place }: DetailProps) {
  const { file } = data;
  const activities = file.activities.recommendation.flatMap((rec, k) => (rec === place ? [k] : []));
  const exceptions = file.exceptions.recommendation.flatMap((rec, k) => (rec === place ? [k] : []));
  const parts = { file, w, home };
  return (
    <article className="explorer-result" data-recommendation={file.recommendations.ids[place]}>
      <h3>{file.recommendations.names[place]}</h3>
      <h4>{w.t('col.activities')}</h4>
      {activities.length === 0 ? (
        <p>{w.t('explorer.none')}</p>
      ) : (
        <ActivitiesTable {...parts} rows={activities} />
      )}
      <h4>{w.t('col.exceptions')}</h4>
      {exceptions.length === 0 ? (
        <p>{w.t('explorer.none')}</p>
      ) : (
        <ExceptionsTable {...parts} rows={exceptions} />
      )}
    </article>
  );
}
