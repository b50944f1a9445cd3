import { z } from 'zod';

/**
 * What a hall manager asks to be alerted to: someone waiting longer than N minutes; a queue longer than N
 * while a window that serves it stands idle or paused; a window paused longer than N minutes; a 差评 just
 * given (N unused). `queueId` narrows the first two to one queue.
 */
export const ALERT_RULE_KINDS = ['longWait', 'longQueue', 'longPause', 'badReview'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];
/** Besides the rules' alerts, the hall always raises one for a 差评 work order past its last working day, and one for a terminal's device that cannot work. */
export const ALERT_KINDS = [...ALERT_RULE_KINDS, 'overdueFollowUp', 'deviceFault'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** The rule id an overdue work order's alert carries: no manager sets it, 51号文 does. */
export const OVERDUE_FOLLOW_UP_RULE = 'overdueFollowUp';
/** The rule id a device's alert carries: a printer out of paper needs someone whatever the rules say. */
export const DEVICE_FAULT_RULE = 'deviceFault';

export const AlertRuleInputSchema = z
  .object({
    kind: z.enum(ALERT_RULE_KINDS),
    threshold: z
      .number()
      .int('须为整数 / a whole number')
      .min(0, '不能为负数 / it cannot be negative')
      .max(999, '不超过 999 / at most 999'),
    queueId: z.string().min(1).nullable().default(null),
  })
  .strict();

export const AlertRuleSchema = AlertRuleInputSchema.extend({
  id: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const AlertSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  kind: z.enum(ALERT_KINDS),
  /** What it is about: a queue's id, a window's number, an evaluation's id, a work order's id. */
  subject: z.string(),
  /** The queue's or window's name, or the rated ticket's number (also an overdue order's), for the line the console shows. */
  subjectName: z.string(),
  /** The figure that crossed the rule's threshold when it was raised (minutes, people, the rating's level, working days given). */
  value: z.number(),
  threshold: z.number(),
  raisedAt: z.string(),
  /** When the condition stopped holding; the alert stays until someone acknowledges it all the same. */
  clearedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertRuleRemovalSchema = z.object({ ruleId: z.string().min(1) }).strict();
export const AlertAcknowledgementSchema = z.object({ alertId: z.string().min(1) }).strict();
