import { z } from 'zod';

/**
 * 差评 follow-up as 国办发〔2019〕51号 asks: every 不满意 or 非常不满意 becomes a work order that is verified
 * (核实), put right (整改), answered to the citizen (反馈) and followed by a return call (回访). At 核实 the hall
 * may appeal a mistaken or malicious rating instead (申诉复核): upheld, the order closes so; rejected, it goes
 * on to 整改. The rating itself is never changed by any of it.
 */
export const FOLLOW_UP_STAGES = ['verify', 'appeal', 'rectify', 'feedback', 'revisit', 'closed'] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

export const FOLLOW_UP_ACTIONS = ['verify', 'appeal', 'appealUpheld', 'appealRejected', 'rectify', 'feedback', 'revisit'] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

/** Each stage, the actions it takes and the stage each leads to. */
export const FOLLOW_UP_FLOW: Record<FollowUpStage, Partial<Record<FollowUpAction, FollowUpStage>>> = {
  verify: { verify: 'rectify', appeal: 'appeal' },
  appeal: { appealUpheld: 'closed', appealRejected: 'rectify' },
  rectify: { rectify: 'feedback' },
  feedback: { feedback: 'revisit' },
  revisit: { revisit: 'closed' },
  closed: {},
};

/** What the citizen said when called back (回访): recorded as said, beside the rating, which stays as given. */
export const REVISIT_RESULTS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;

/** A contact the citizen may leave with a 差评 so the hall can call back: a mainland mobile or a landline. */
export const FollowUpContactSchema = z
  .string()
  .trim()
  .regex(
    /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/,
    '请填写手机号（11 位）或带区号的固定电话 / a mobile number (11 digits) or a landline with its area code',
  );

export const FollowUpStepInputSchema = z
  .object({
    orderId: z.string().min(1),
    action: z.enum(FOLLOW_UP_ACTIONS),
    note: z
      .string()
      .trim()
      .min(2, '请写明核实、整改、反馈或回访的情况（至少 2 个字）/ say what was found, done or said (2 characters at least)')
      .max(500, '不超过 500 字 / at most 500 characters'),
    /** With a revisit: what the citizen said. */
    revisitResult: z.enum(REVISIT_RESULTS).optional(),
  })
  .strict()
  .refine((step) => (step.action === 'revisit') === (step.revisitResult !== undefined), {
    message: '回访须记录群众的意见（满意、基本满意或不满意）/ a revisit records what the citizen said, and only a revisit does',
    path: ['revisitResult'],
  });

export const FollowUpStepSchema = z.object({
  action: z.enum(FOLLOW_UP_ACTIONS),
  note: z.string(),
  revisitResult: z.enum(REVISIT_RESULTS).nullable(),
  managerId: z.string(),
  at: z.string(),
});

export const FollowUpOrderSchema = z.object({
  id: z.string(),
  evaluationId: z.string(),
  ticketNumber: z.string(),
  queueName: z.string(),
  windowNumber: z.number().int().nullable(),
  windowName: z.string().nullable(),
  clerk: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The 事项 the clerk recorded when the service ended. */
  serviceCodes: z.array(z.string()),
  level: z.number().int(),
  reasons: z.array(z.string()),
  text: z.string().nullable(),
  /** Kept only while the order is open: it is cleared when it closes. */
  contact: z.string().nullable(),
  ratedAt: z.string(),
  stage: z.enum(FOLLOW_UP_STAGES),
  outcome: z.enum(['resolved', 'appealUpheld']).nullable(),
  /** The last working day to close it on: the rating's day plus the hall's working days, by the holiday calendar. */
  dueDate: z.string(),
  workingDays: z.number().int(),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  steps: z.array(FollowUpStepSchema),
});
export type FollowUpOrder = z.infer<typeof FollowUpOrderSchema>;

export const FollowUpListQuerySchema = z.object({ state: z.enum(['open', 'all']).default('open') });

export const FollowUpListSchema = z.object({
  orders: z.array(FollowUpOrderSchema),
  /** Working days a new order has, as the hall is configured. */
  workingDays: z.number().int(),
});

export const WorkingDayOverrideInputSchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / a date as YYYY-MM-DD'),
    /** true: a working day (调休上班); false: a day off (放假). */
    working: z.boolean(),
    note: z.string().trim().min(1, '请写明缘由，如“春节调休” / say why, e.g. 春节调休').max(60),
  })
  .strict()
  .refine(
    (input) => {
      const day = new Date(`${input.date}T00:00:00Z`);
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(input.date);
    },
    {
      message: '没有这一天 / there is no such day',
      path: ['date'],
    },
  );

export const WorkingDayOverrideSchema = z.object({
  date: z.string(),
  working: z.boolean(),
  note: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});

export const WorkingCalendarSchema = z.object({
  overrides: z.array(WorkingDayOverrideSchema),
  /** The last year the holiday package knows the State Council's arrangements for. */
  knownThrough: z.number().int(),
  /** Set when a year the hall is in, or will be next month, is missing: the manager should enter its days. */
  missingYear: z.number().int().nullable(),
});
export type WorkingCalendar = z.infer<typeof WorkingCalendarSchema>;

export const WorkingDayRemovalSchema = z.object({ date: z.string().min(1) }).strict();
