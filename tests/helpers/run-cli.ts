import { spawn } from 'node:child_process';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs Node with the given arguments to its end, as a technician would run one of our tools. */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A TypeScript tool of ours, through tsx. */
export const runTool = (script: string, args: string[], env?: Record<string, string>) => runNode(['--import', 'tsx', script, ...args], env);

/** Runs `onewindow-device` with the given arguments to its end. */
export const runDeviceCli = (args: string[]) => runNode(['bin/onewindow-device.js', ...args]);
