import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where every test app leaves its response bodies and log lines for the run-wide scan. */
    leakCaptureDir: string;
  }
}

// An identity number standing alone: a 24-hex ObjectId may hold 18 digits in a row by chance,
// and so may the fraction of a float (/metrics prints `0.010526935578947369`).
export const ID_NUMBER = /(?<![0-9A-Za-z]|\d\.)\d{17}[\dXx](?![0-9A-Za-z])/;
export const ACCESS_TOKEN = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
export const SESSION_KEY = /session_?key/i;

/**
 * The whole bff run, every file, is one scan: no response body or log line may carry an
 * identity number or the WeChat session key, and no log line a token. Per-file scans miss what
 * a file does not look for; this one sees everything `startTestApp` served.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-leak-scan-'));
  project.provide('leakCaptureDir', dir);
  return () => {
    const findings: string[] = [];
    let responses = 0;
    let logLines = 0;
    for (const file of readdirSync(dir)) {
      const capture = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        name: string;
        responses: string[];
        logs: string[];
      };
      responses += capture.responses.length;
      logLines += capture.logs.length;
      for (const text of capture.responses) {
        if (ID_NUMBER.test(text) || SESSION_KEY.test(text))
          findings.push(`${capture.name}: response ${text.slice(0, 120)}`);
      }
      for (const line of capture.logs) {
        if (ID_NUMBER.test(line) || SESSION_KEY.test(line) || ACCESS_TOKEN.test(line))
          findings.push(`${capture.name}: log ${line.slice(0, 120)}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (findings.length > 0) {
      // Vitest reports an error thrown here but still exits 0, so fail the run explicitly.
      process.exitCode = 1;
      throw new Error(`personal data or secrets leaked:\n${findings.join('\n')}`);
    }
    console.log(
      `leak scan: ${responses} responses and ${logLines} log lines, no identity number, session key or token`,
    );
  };
}
