#!/usr/bin/env node
// The audit CLI runs from the TypeScript sources through tsx; see src/terminal/audit/cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/terminal/audit/cli.ts');
