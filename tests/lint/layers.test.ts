import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer table of DESIGN.md is enforced by lint; these cases prove each boundary really fails. */
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('layer boundaries', () => {
  it.each([
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/shared/x.ts', "import fs from 'fs';"],
    ['src/shared/x.ts', "import { createTerminalHost } from '../terminal/host.js';"],
    ['src/shared/rpc/x.ts', "import { x } from '../../hall/server.js';"],
    ['src/devices/idcard/x.ts', "import { createTerminalHost } from '../../terminal/host.js';"],
    ['src/devices/x.ts', "import { app } from 'electron';"],
    ['src/terminal/x.ts', "import { createHallServer } from '../hall/server.js';"],
    ['src/terminal/x.ts', "import { app } from 'electron';"],
    ['src/hall/x.ts', "import { startBrowserMode } from '../terminal/browser-mode.js';"],
    ['src/hall/x.ts', "import { x } from '../devices/idcard/driver.js';"],
    ['src/platform/x.ts', "import { createHallServer } from '../hall/server.js';"],
    ['src/main/x.ts', "import { x } from '../renderer/main.js';"],
    ['src/main/x.ts', "import { crashReporter } from 'electron';"],
    ['src/renderer/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/kiosk/x.ts', "import { createTerminalHost } from '../../terminal/host.js';"],
    ['src/renderer/x.ts', "import WebSocket from 'ws';"],
    ['src/renderer/x.ts', "import { openDatabase } from '../storage/sqlite.js';"],
    ['src/shared/x.ts', "import { openDatabase } from '../storage/sqlite.js';"],
    ['src/storage/x.ts', "import { createTerminalHost } from '../terminal/host.js';"],
    ['src/http-server/x.ts', "import { openDatabase } from '../storage/sqlite.js';"],
    ['src/devices/x.ts', "import { ApiError } from '../http-server/api-error.js';"],
    ['src/http-client/x.ts', "import { createTerminalHost } from '../terminal/host.js';"],
    ['src/shared/x.ts', "import { httpCall } from '../http-client/http-call.js';"],
    ['src/renderer/x.ts', "import { httpCall } from '../http-client/http-call.js';"],
    ['tests/x.test.ts', "import { app } from 'electron';"],
    ['scripts/x.ts', "import { app } from 'electron';"],
  ])('%s may not %s', async (file, source) => {
    expect(await importErrors(file, source)).toHaveLength(1);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/shared/rpc/x.ts', "import { RPC_ROLES } from '../roles.js';"],
    ['src/terminal/x.ts', "import { methods } from '../shared/contract.js';"],
    ['src/terminal/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/hall/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';"],
    ['src/hall/x.ts', "import { openDatabase } from '../storage/sqlite.js';"],
    ['src/hall/x.ts', "import { createRouteClient } from '../http-client/route-client.js';"],
    ['src/terminal/x.ts', "import { createRouteClient } from '../http-client/route-client.js';"],
    ['src/devices/printer/x.ts', "import { openDatabase } from '../../storage/sqlite.js';"],
    ['src/main/x.ts', "import { app } from 'electron';"],
    ['src/main/x.ts', "import { createTerminalHost } from '../terminal/host.js';"],
    ['src/renderer/x.ts', "import type { Methods } from '../shared/contract.js';"],
    ['src/renderer/x.ts', "import { useState } from 'react';"],
  ])('%s may %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});

// The table is the lint config's own, read as the plain JavaScript it is.
const { layers: table } = (await import(pathToFileURL('eslint.config.js').href)) as { layers: Record<string, { may: string[] }> };

describe('the allow table', () => {
  it('has a row for every folder of src/', () => {
    const folders = readdirSync('src', { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(Object.keys(table).sort()).toEqual(folders.sort());
  });

  it.each(
    Object.keys(table).flatMap((layer) =>
      Object.keys(table)
        .filter((other) => other !== layer)
        .map((other) => [layer, other]),
    ),
  )('src/%s importing src/%s is allowed exactly when its row names it', async (layer, other) => {
    const errors = await importErrors(`src/${layer}/x.ts`, `import { x } from '../${other}/x.js';`);
    expect(errors).toHaveLength(table[layer]!.may.includes(other) ? 0 : 1);
  });
});
