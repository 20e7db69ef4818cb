import type { BurstSize, CrashReport, LossReport } from './drills';

const has = (counts: Record<string, number>, key: string) => (counts[key] ?? 0) > 0;
const only = (counts: Record<string, number>, allowed: readonly string[]) =>
  Object.keys(counts).every((key) => allowed.includes(key));

/** What a crash drill must show; empty when it passed. */
export function crashFailures(report: CrashReport, size: BurstSize): string[] {
  const failures = [...report.violations];
  // Killed before anything was acknowledged, or after everything was sent, it proved nothing.
  if (!has(report.beforeKill, '201') || !has(report.beforeKill, 'unsent')) failures.push('the kill missed the burst');
  // Every request ends with an answer that is not "try again": booked, waiting, refused, or, for
  // the ones the kill cut, "still in progress" (their key never settled) or "in doubt" (a request
  // the database's loss failed, whose key the BFF marked once devdb was back before it restarted).
  const final = ['201', '409 NO_FREE_PORT', '409 IDEMPOTENCY_IN_PROGRESS', '409 IDEMPOTENCY_IN_DOUBT'];
  if (!only(report.settled, final)) failures.push(`unsettled answers: ${JSON.stringify(report.settled)}`);
  if (report.stored.confirmed !== size.capacity) failures.push(`session not full: ${report.stored.confirmed}`);
  if (report.stored.reserved !== size.ports) failures.push(`ports not all reserved: ${report.stored.reserved}`);
  if (report.retry.changedAnswers !== 0) failures.push(`${report.retry.changedAnswers} retries answered differently`);
  if (JSON.stringify(report.retry.stored) !== JSON.stringify(report.stored))
    failures.push(`retries changed the data: ${JSON.stringify(report.retry.stored)}`);
  return failures;
}

/** What a database-loss drill must show; empty when it passed. */
export function lossFailures(report: LossReport, size: BurstSize): string[] {
  const failures = [...report.violations];
  if (report.hung > 0) failures.push(`${report.hung} requests hung`);
  // Failing fast: requests were answered while the database was still away, each a 503 problem.
  if (Object.keys(report.duringLoss).length === 0) failures.push('nothing was answered while the database was away');
  if (report.notProblem503 > 0) failures.push(`${report.notProblem503} answers while away were not 503 problems`);
  if (!only(report.readyzDuringLoss, ['503']) || !has(report.readyzDuringLoss, '503'))
    failures.push(`/readyz while away: ${JSON.stringify(report.readyzDuringLoss)}`);
  if (!report.bffAlive) failures.push('the BFF died');
  if (!report.recovered) failures.push('/readyz never answered 200 again');
  const { bookings, charges } = report.afterRecovery;
  if (bookings['201'] !== size.concurrency || !only(bookings, ['201']) || !only(charges, ['201', '409 NO_FREE_PORT']))
    failures.push(`after recovery: ${JSON.stringify(report.afterRecovery)}`);
  if (report.sweeperRounds.okAfterRecovery === 0) failures.push('no sweeper round succeeded after recovery');
  return failures;
}
