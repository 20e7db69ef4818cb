import type { SweeperTask } from '../sweeper';
import { Uploads } from './upload.model';

/** How long an upload waits for its form to be sent before it is deleted. */
export const UNATTACHED_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Deletes uploads no feature claimed within a day (a form abandoned after its photos went up).
 * One `deleteMany`, conditioned on being unattached, so it races neither an attach nor another
 * instance's sweep. */
export const unattachedUploadSweep: SweeperTask = {
  name: 'uploads.unattached',
  everyMs: 10 * 60 * 1000,
  async tick(deps) {
    const before = new Date(deps.clock.now().getTime() - UNATTACHED_LIFETIME_MS);
    const { deletedCount } = await Uploads(deps.connection).deleteMany({
      attachedTo: null,
      createdAt: { $lt: before },
    });
    return { deleted: deletedCount };
  },
};
