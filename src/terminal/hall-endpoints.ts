/**
 * The hall's servers as this terminal knows them: the address in its file first, then the others of a
 * pair (or more) on one database. Any of them serves any request, so the terminal keeps to one until it
 * fails — no connection, a timeout, or a server that says its database is away — then moves to the next,
 * round the list; its HTTP calls and its event stream move together.
 */
export interface HallEndpoints {
  /** Where calls go now. */
  current(): string;
  /** `url` failed: the next call goes to the next server (if `url` is still the current one). */
  failed(url: string): void;
  readonly count: number;
}

export function createHallEndpoints(urls: readonly string[]): HallEndpoints {
  const list = [...new Set(urls.map((url) => url.replace(/\/+$/, '')))];
  if (list.length === 0) throw new Error('a terminal needs at least one hall server address');
  let index = 0;
  return {
    current: () => list[index]!,
    failed(url) {
      if (list[index] === url.replace(/\/+$/, '')) index = (index + 1) % list.length;
    },
    count: list.length,
  };
}
