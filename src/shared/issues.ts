import { z } from 'zod';

/** One line per problem, `path: message`, so a person can find the key that is wrong. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
}

export interface Bilingual {
  zh: string;
  en: string;
}

const chinese = z.locales.zhCN().localeError;

/** An issue's message in both languages: ours are "中文 / English" already; zod's own English gets zod's Chinese. */
export function issueWords(issue: z.core.$ZodIssue): Bilingual {
  const split = issue.message.indexOf(' / ');
  if (split >= 0) return { zh: issue.message.slice(0, split), en: issue.message.slice(split + 3) };
  const zh = chinese(issue as unknown as Parameters<typeof chinese>[0]);
  return { zh: typeof zh === 'string' ? zh : (zh?.message ?? issue.message), en: issue.message };
}

/**
 * The issues as one "中文 / English" message, each half whole (a screen shows one half): what was refused,
 * then each problem with where it is. `where` words a path; by default its keys joined with dots.
 */
export function issuesMessage(
  what: Bilingual,
  issues: readonly z.core.$ZodIssue[],
  where: (path: readonly PropertyKey[]) => Bilingual = (path) => ({ zh: path.map(String).join('.'), en: path.map(String).join('.') }),
): string {
  const lines = issues.map((issue) => ({ words: issueWords(issue), place: where(issue.path) }));
  const zh = lines.map(({ words, place }) => (place.zh ? `${place.zh}：${words.zh}` : words.zh)).join('；');
  const en = lines.map(({ words, place }) => (place.en ? `${place.en}: ${words.en}` : words.en)).join('; ');
  return `${what.zh}：${zh} / ${what.en}: ${en}`;
}
