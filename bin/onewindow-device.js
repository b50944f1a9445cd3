#!/usr/bin/env node
// The device CLI runs from the TypeScript sources through tsx; see src/devices/cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/devices/cli.ts');
