import type { z } from 'zod';

/** The fields people fill in or choose on a page, as they call them; any other field keeps its key. */
const FIELD_WORDS: Record<string, string> = {
  pin: '密码（PIN）',
  clerkId: '工号',
  code: '编码',
  queueId: '业务',
  mobile: '手机号码',
  idNumber: '证件号码',
  caseNumber: '办件编号',
  reference: '回执编号',
  reason: '理由',
  note: '备注',
  level: '评价',
  reasons: '原因',
  query: '搜索内容',
  text: '文字',
  values: '填写的内容',
  materials: '材料',
  strokes: '签名',
  png: '签名图片',
  data: '文件',
  mediaType: '文件类型',
  sample: '样例证件',
};

function fieldWords(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  if (key === undefined) return '输入';
  return FIELD_WORDS[key] ?? key;
}

/** What kind of problem it is, for a field whose schema gave no message of its own. */
function plainProblem(issue: z.core.$ZodIssue): string {
  const field = `“${fieldWords(issue.path)}”`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `缺少${field}` : `${field}的类型不对`;
    case 'too_small':
      return `${field}太短或太小`;
    case 'too_big':
      return `${field}太长或太大`;
    case 'invalid_format':
      return `${field}的格式不对`;
    case 'invalid_value':
      return `${field}不是可选的值`;
    case 'unrecognized_keys':
      return `有多余的内容：${issue.keys.join('、')}`;
    default:
      return `${field}无效`;
  }
}

/** A schema's own message is `中文 / English`; zod's defaults are English only. */
function ownChinese(message: string): string | undefined {
  if (!/\p{Script=Han}/u.test(message)) return undefined;
  return message.split(' / ')[0];
}

/**
 * An input a method refused, in the words of the person who typed or chose it: which field and what is
 * wrong with it, Chinese first; the English half keeps each field's path for whoever reads the log.
 * The method's name stays out of it: nobody at a screen knows it.
 */
export function describeInvalidInput(issues: readonly z.core.$ZodIssue[]): string {
  const zh = [...new Set(issues.map((issue) => ownChinese(issue.message) ?? plainProblem(issue)))];
  const en = issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    const english = issue.message.includes(' / ') ? issue.message.split(' / ').slice(1).join(' / ') : issue.message;
    return `${path}: ${english}`;
  });
  return `输入有误：${zh.join('；')}，请检查后重试 / Invalid input: ${en.join('; ')}`;
}
