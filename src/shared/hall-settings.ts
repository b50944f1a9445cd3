import { z } from 'zod';
import { AppointmentRulesSchema, CallingRulesSchema, ClerkIdSchema, QueueSchema, WindowSchema, type HallConfig } from './hall-config.js';

/**
 * What a manager changes on the console while the hall runs. The rest of the configuration file (keys,
 * the platform, the managers themselves, the listed terminals' tokens) changes only with the file and a
 * restart: those are the set-up's, not the day's.
 */
export const SETTINGS_KEYS = [
  'queues',
  'windows',
  'clerks',
  'calling',
  'appointments',
  'greenChannelAge',
  'followUpWorkingDays',
  'yellowCardWorkingDays',
] as const;
export type SettingsKey = (typeof SETTINGS_KEYS)[number];
export type HallSettings = Pick<HallConfig, SettingsKey>;

export const NewPinSchema = z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字 / the PIN has 4–8 digits');

/** A clerk as the console shows and edits one: never the PIN's hash nor the card's, only whether there is a card. */
export const ConsoleClerkSchema = z
  .object({
    id: ClerkIdSchema,
    name: z.string().min(1, '请填写姓名 / enter the name').max(20),
    disabled: z.boolean().default(false),
    /** Read only: whether the clerk may log in with their own ID card. */
    cardLinked: z.boolean().default(false),
    /** A new PIN: required for a new clerk, and how a forgotten one is reset. */
    newPin: NewPinSchema.optional(),
  })
  .strict();
export type ConsoleClerk = z.infer<typeof ConsoleClerkSchema>;

export const ConsoleSettingsSchema = z
  .object({
    queues: z.array(QueueSchema).min(1, '至少要有一个业务队列 / the hall needs at least one queue'),
    windows: z.array(WindowSchema),
    clerks: z.array(ConsoleClerkSchema),
    calling: CallingRulesSchema,
    appointments: AppointmentRulesSchema,
    greenChannelAge: z.number().int().min(50).max(120),
    followUpWorkingDays: z.number().int().min(1).max(30),
    yellowCardWorkingDays: z.number().int().min(0).max(30),
  })
  .strict();
export type ConsoleSettings = z.infer<typeof ConsoleSettingsSchema>;

/** A change asked for: the settings as the manager left them, on top of the version they started from. */
export const SettingsEditSchema = z.object({ baseVersion: z.number().int().min(1), settings: ConsoleSettingsSchema }).strict();
export type SettingsEdit = z.infer<typeof SettingsEditSchema>;

export const SETTINGS_SECTIONS = ['queues', 'windows', 'clerks', 'calling', 'appointments', 'service'] as const;

/** One line of a change's diff: an entry added, removed or changed (a queue by id, a window by number, a clerk by id), with its fields. */
export const SettingsChangeSchema = z.object({
  section: z.enum(SETTINGS_SECTIONS),
  /** The queue's id, the window's number, the clerk's id; null for the rules that are one of a kind. */
  key: z.string().nullable(),
  /** The entry's name as it reads after the change (before it, when removed). */
  label: z.string().nullable(),
  kind: z.enum(['added', 'removed', 'changed']),
  /** Each field that differs, its value before and after as text (a PIN is never shown: both are null). */
  fields: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});
export type SettingsChange = z.infer<typeof SettingsChangeSchema>;

export const SettingsVersionSchema = z.object({
  version: z.number().int().min(1),
  at: z.string(),
  /** file: the configuration file at a start (the first, or after the file was edited); console: a manager's change; undo: a manager took one back. */
  source: z.enum(['file', 'console', 'undo']),
  manager: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** With an undo: the version it took back. */
  undoes: z.number().int().nullable(),
  changes: z.array(SettingsChangeSchema),
});
export type SettingsVersion = z.infer<typeof SettingsVersionSchema>;

export const SettingsViewSchema = z.object({
  version: z.number().int().min(1),
  settings: ConsoleSettingsSchema,
  /** Newest first: what each version changed, and who. */
  history: z.array(SettingsVersionSchema),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SettingsAppliedSchema = z.object({ version: z.number().int().min(1), changes: z.array(SettingsChangeSchema) });
