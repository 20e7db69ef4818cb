/**
 * Connections take turns at the one engine. A turn runs the next command of every connection
 * that has one waiting, at most one each, in the order they became ready; the event loop reads
 * sockets between turns (a turn is a `setImmediate`, which runs after the poll phase). So a
 * connection that pipelines a thousand commands gets one command a turn like every other,
 * instead of running all it has sent before the next socket is read. mongod gets the same from
 * its thread per connection, which reads one message, runs it and answers before reading the next.
 */
export class Turns {
  private waiting: Array<() => void> = [];
  private scheduled = false;

  /** Calls `run` once, in the next turn. `run` must not throw: it would cost the others their turn. */
  take(run: () => void): void {
    this.waiting.push(run);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    const turn = this.waiting;
    this.waiting = [];
    for (const run of turn) run();
  }
}
