import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { ACCESS_TOKEN, ID_NUMBER, SESSION_KEY } from '../../support/leak-scan';
import type { TestApp } from '../../support/app';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each sweep file leaves the routes and cases it covered, for the run's summary. */
    sweepCaptureDir: string;
  }
}

export type Category =
  'sessions' | 'roles' | 'inputs' | 'foreign-objects' | 'references' | 'lists' | 'replays' | 'callbacks';

/** Counts what one sweep file checked, route by route. */
export class Tally {
  private readonly cases = new Map<string, number>();
  constructor(readonly category: Category) {}

  /** One request whose answer was asserted. */
  count(operationId: string, cases = 1): void {
    this.cases.set(operationId, (this.cases.get(operationId) ?? 0) + cases);
  }

  get total(): number {
    return [...this.cases.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Every planned route was checked, and nothing else; then the figures go to the summary. */
  finish(planned: readonly string[]): void {
    expect([...this.cases.keys()].sort(), `${this.category}: routes checked vs. routes planned`).toEqual(
      [...planned].sort(),
    );
    console.log(`sweep ${this.category}: ${planned.length} routes, ${this.total} cases`);
    writeFileSync(
      join(inject('sweepCaptureDir'), `${this.category}.json`),
      JSON.stringify({ category: this.category, cases: Object.fromEntries(this.cases) }),
    );
  }
}

/** No response or log line of this app carries an identity number, a session key, a secret the
 * test knows, or (in a log line, or in an error answer) an access token. */
export function expectNoLeaks(app: TestApp, secrets: readonly string[] = []): void {
  const known = [app.config.JWT_SECRET, app.config.DATA_KEY, ...secrets];
  const findings: string[] = [];
  for (const text of app.responses) {
    if (ID_NUMBER.test(text) || SESSION_KEY.test(text) || ACCESS_TOKEN.test(text)) findings.push(`response ${text}`);
    if (known.some((secret) => text.includes(secret))) findings.push(`response with a secret: ${text.slice(0, 120)}`);
  }
  for (const line of app.logs) {
    if (ID_NUMBER.test(line) || SESSION_KEY.test(line) || ACCESS_TOKEN.test(line)) findings.push(`log ${line}`);
    if (known.some((secret) => line.includes(secret))) findings.push(`log with a secret: ${line.slice(0, 120)}`);
  }
  expect(findings.slice(0, 5)).toEqual([]);
  expect(app.responses.length).toBeGreaterThan(0);
}
