/** Pieces the finder and the activity filter both show: links into the site and value cells. */
import type { ExplorerFile } from '../../lib/explorer-file.ts';
import type { Words } from './words.ts';

interface PartProps {
  readonly file: ExplorerFile;
  readonly w: Words;
  readonly home: string;
}

/** A value of one of the file's lists, by its place (the file numbers its values). */
function listed<T>(list: readonly T[], place: number | undefined): T | undefined {
  return place === undefined ? undefined : list[place];
}

function ActivityLink({ file, home, activity }: Omit<PartProps, 'w'> & { readonly activity: number }) {
  return (
    <a href={`${home}activities/${file.activities.slugs[activity]}/`}>{file.activities.titles[activity]}</a>
  );
}

function RecommendationLink({ file, home, rec }: Omit<PartProps, 'w'> & { readonly rec: number }) {
  const name = file.recommendations.names[rec];
  return name === undefined ? null : <a href={`${home}${file.recommendations.paths[rec]}`}>{name}</a>;
}

/** Device groups by their places; none is every group (an activity's), null global (an exception's). */
export function groupsText(
  { file, w }: Omit<PartProps, 'home'>,
  groups: readonly number[] | null | undefined,
) {
  if (groups === null) return w.t('scope.global');
  if (!groups || groups.length === 0) return w.t('value.allGroups');
  return groups.map((g) => file.groups[g]).join(', ');
}

/** The activities' table: the explorer's columns, one row per place given. */
export function ActivitiesTable({
  file,
  w,
  home,
  rows,
  states,
}: PartProps & {
  readonly rows: readonly number[];
  /** The device's state in each row's activity, worded, when the table is a device's. */
  readonly states?: readonly string[];
}) {
  const a = file.activities;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{w.t('col.activity')}</th>
            <th scope="col">{w.t('col.status')}</th>
            {states ? <th scope="col">{w.t('col.state')}</th> : null}
            <th scope="col">{w.t('col.type')}</th>
            <th scope="col">{w.t('col.priority')}</th>
            <th scope="col">{w.t('col.groups')}</th>
            <th scope="col">{w.t('col.due')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((k, row) => {
            const status = listed(file.activityStatuses, a.status[k]);
            const type = listed(file.activityTypes, a.type[k]);
            const priority = listed(file.priorities, a.priority[k]);
            const due = a.due[k];
            return (
              <tr key={k} data-activity={a.slugs[k]}>
                <td>
                  <ActivityLink file={file} home={home} activity={k} />
                </td>
                <td>{status ? w.t(`status.${status}`) : ''}</td>
                {states ? <td>{states[row]}</td> : null}
                <td>{type ? w.t(`type.${type}`) : ''}</td>
                <td>{priority ? w.t(`priority.${priority}`) : ''}</td>
                <td>{groupsText({ file, w }, a.groups[k])}</td>
                <td>{due ? w.date(due) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The exceptions' table; a device's says each one's status for it and whether it covers its group. */
export function ExceptionsTable({
  file,
  w,
  home,
  rows,
  forDevice,
}: PartProps & {
  readonly rows: readonly number[];
  /** Each row's status for the device, worded, and whether it covers the device's group. */
  readonly forDevice?: readonly { readonly status: string; readonly coversGroup: boolean }[];
}) {
  const e = file.exceptions;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{w.t('col.recommendation')}</th>
            <th scope="col">{w.t('col.justification')}</th>
            <th scope="col">{w.t('col.status')}</th>
            <th scope="col">{w.t('col.scope')}</th>
            {forDevice ? <th scope="col">{w.t('explorer.coversGroup')}</th> : null}
            <th scope="col">{w.t('col.expires')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((k, row) => {
            const justification = e.justification[k];
            const own = e.status[k];
            const device = forDevice?.[row];
            const expires = e.expires[k];
            return (
              <tr key={k}>
                <td>
                  <RecommendationLink file={file} home={home} rec={e.recommendation[k] ?? -1} />
                </td>
                <td>{justification ? w.t(`just.${justification}`) : ''}</td>
                <td>{device ? device.status : own ? w.t(`exc.${own}`) : ''}</td>
                <td>{groupsText({ file, w }, e.groups[k])}</td>
                {device ? <td>{w.t(device.coversGroup ? 'explorer.yes' : 'explorer.no')}</td> : null}
                <td>{expires ? w.date(expires) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
