import { ClientError } from '../../core/api/client';
import { client } from '../api/client';

/** A delete refused because mail schedules send the view; carries their names so the dialog can say which. */
export class ViewSentByMail extends Error {
  constructor(readonly schedules: string[]) {
    super(`sent by ${schedules.join(', ')}`);
  }
}

/**
 * Turns the core's conflict on deleting a view into the names of the schedules that send it (the core's own
 * words are English); any other failure, or a conflict no schedule explains any more, passes through unchanged.
 */
export async function explainViewDeleteRefusal(err: unknown, viewId: number): Promise<unknown> {
  if (!(err instanceof ClientError) || err.body.code !== 'conflict') return err;
  const schedules = await client.listMailSchedules({}).catch(() => []);
  const names = schedules.filter((s) => s.viewId === viewId).map((s) => s.name);
  return names.length > 0 ? new ViewSentByMail(names) : err;
}
