import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Files only the terminal's or server's own user may read: data files and keys are made 0600 and their
 * directories 0700 whatever the umask, because a database, a print queue or a log names applicants.
 * Windows has no such bits (its ACLs follow the user's profile), so nothing is changed there.
 */
const POSIX = process.platform !== 'win32';

/** Directories it creates are 0700; one that is there already is left as it is (it may be the working directory). */
export function makePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates the file empty when it is not there, and leaves it, old or new, readable by its owner only. */
export function makePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  if (POSIX) chmodSync(file, 0o600);
}

export class KeyFilePermissionError extends Error {
  constructor(
    readonly file: string,
    readonly mode: number,
  ) {
    const octal = `0${(mode & 0o777).toString(8)}`;
    super(
      `密钥文件 ${file} 的权限过宽（${octal}），请执行 chmod 600 ${file} / key file ${file} is readable by others (${octal}): run chmod 600 ${file}`,
    );
    this.name = 'KeyFilePermissionError';
  }
}

/** A key file that its group or anyone else may read (or write) is refused: the key is only as secret as the file. */
export function assertKeyFilePrivate(file: string): void {
  if (!POSIX) return;
  const { mode } = statSync(file);
  if ((mode & 0o077) !== 0) throw new KeyFilePermissionError(file, mode);
}
