import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { UsageError } from '../args.ts';
import { isArchive } from './layout.ts';

/**
 * Where a path really is: symbolic links and `..` resolved as the file system does, for the part
 * that exists; the rest is appended as given.
 */
async function physical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (e) {
    const parent = dirname(path);
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path) throw e;
    return join(await physical(parent), basename(path));
  }
}

const within = (dir: string, path: string) => {
  const r = relative(dir, path);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`));
};

/**
 * What a command writes (export's team state, report's site) never lands in an archive: not the
 * archive --data itself or anything in it (validate would then fail on it, or its history.jsonl
 * be replaced), and not inside any other archive. A folder replaced whole (`holding`: report's
 * site) may not hold the archive either. Checked on real paths, before anything is written
 * (usage error, exit 2).
 */
export async function refuseOutInArchive(data: string, out: string, holding = false): Promise<void> {
  const [realOut, realData] = await Promise.all([physical(out), physical(data)]);
  if (within(realData, realOut))
    throw new UsageError(
      `--out ${out} is the archive --data ${data} or lies inside it; choose another --out`,
    );
  if (holding && within(realOut, realData))
    throw new UsageError(`--out ${out} holds the archive --data ${data}; choose another --out`);
  for (let dir = realOut; ; dir = dirname(dir)) {
    if (await isArchive(dir))
      throw new UsageError(`--out ${out} lies inside the archive ${dir}; choose another --out`);
    if (dirname(dir) === dir) return;
  }
}
