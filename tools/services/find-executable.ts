import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * Looks `name` up on a PATH-style list of directories (`PATH` by default), like `which` does: the first
 * regular file that is executable by this process wins. Returns undefined when there is none.
 */
export async function findExecutable(
  name: string,
  pathList: string | undefined = process.env.PATH,
): Promise<string | undefined> {
  for (const dir of (pathList ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      if (!(await stat(candidate)).isFile()) continue;
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not there or not executable: keep looking, exactly like a shell would.
    }
  }
  return undefined;
}
