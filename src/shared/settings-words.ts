import type { Bilingual } from './issues.js';

const SECTIONS: Record<string, Bilingual> = {
  queues: { zh: '队列', en: 'queue' },
  windows: { zh: '窗口', en: 'window' },
  clerks: { zh: '工作人员', en: 'clerk' },
  calling: { zh: '叫号规则', en: 'calling rules' },
  appointments: { zh: '预约签到', en: 'appointment check-in' },
};

const FIELDS: Record<string, Bilingual> = {
  id: { zh: '编号', en: 'id' },
  name: { zh: '名称', en: 'name' },
  prefix: { zh: '号码前缀', en: 'prefix' },
  maxPerDay: { zh: '每日上限', en: 'daily cap' },
  hours: { zh: '取号时间', en: 'hours' },
  from: { zh: '开始', en: 'from' },
  to: { zh: '结束', en: 'to' },
  number: { zh: '窗口号', en: 'number' },
  queues: { zh: '办理的队列', en: 'queues served' },
  queueId: { zh: '队列', en: 'queue' },
  weight: { zh: '权重', en: 'weight' },
  newPin: { zh: '新 PIN', en: 'new PIN' },
  announcement: { zh: '叫号语', en: 'announcement' },
  priorityAdvanceMinutes: { zh: '优先号提前分钟', en: 'priority advance' },
  maxRecalls: { zh: '最多重呼次数', en: 'most recalls' },
  noShowReturnMinutes: { zh: '过号后可恢复分钟', en: 'no-show return' },
  earlyMinutes: { zh: '可提前签到分钟', en: 'check-in early' },
  lateMinutes: { zh: '可迟到分钟', en: 'check-in late' },
  advanceMinutes: { zh: '预约号提前分钟', en: 'appointment advance' },
  greenChannelAge: { zh: '自动绿色通道年龄', en: 'green channel age' },
  followUpWorkingDays: { zh: '差评办结期限', en: 'follow-up working days' },
  yellowCardWorkingDays: { zh: '黄牌提前工作日', en: 'yellow card days' },
};

/**
 * Where in the settings a problem is, in words a manager reads: `queues.3.prefix` of the settings checked
 * becomes 队列“出入境”的号码前缀 / queue 出入境: prefix. An entry is named by its name, else its id or number,
 * else its place; a key with no words is given as it is.
 */
export function settingsPlace(path: readonly PropertyKey[], settings: unknown): Bilingual {
  const keys = path[0] === 'settings' ? path.slice(1) : path;
  const [section, index, ...rest] = keys;
  const words = (key: PropertyKey) => FIELDS[String(key)] ?? { zh: String(key), en: String(key) };
  const place = SECTIONS[String(section)];
  if (!place) return words(section ?? '');
  if (typeof index !== 'number') return { zh: `${place.zh}的${words(index ?? '').zh}`, en: `${place.en}: ${words(index ?? '').en}` };
  const entries = (settings as Record<string, { name?: string; id?: string; number?: number }[] | undefined>)[String(section)];
  const entry = entries?.[index];
  const label = entry?.name || entry?.id || (entry?.number !== undefined ? String(entry.number) : '') || `#${index + 1}`;
  // The innermost key says what is wrong: a window's queues.0.queueId is 窗口“…”的队列.
  const field = rest.filter((key) => typeof key !== 'number').at(-1);
  return {
    zh: `${place.zh}“${label}”${field === undefined ? '' : `的${words(field).zh}`}`,
    en: `${place.en} ${label}${field === undefined ? '' : `: ${words(field).en}`}`,
  };
}
