import type { z } from 'zod';
import { describeIssues } from './issues.js';
import { jsonErrorPosition } from './json-error-position.js';

/** A configuration file that cannot be used, with a message that names the file, the key and what is allowed. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`配置文件 ${file} 有误 / The configuration file ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks a JSON configuration file. The reading is passed in, so these rules stay free of I/O
 * and hold alike in the terminal host, the hall server and tests.
 */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S, readText: (file: string) => string): z.output<S> {
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    throw new ConfigError(file, [`无法读取文件 / cannot read the file: ${error instanceof Error ? error.message : String(error)}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`不是有效的 JSON / not valid JSON: ${jsonErrorWhere(text, error)}`]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error.issues));
  return parsed.data;
}

function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const where = jsonErrorPosition(text);
  return where ? `${message} (line ${where.line}, column ${where.column})` : message;
}
