import { sql } from 'kysely';
import { ANY_DAY, minimalChange, type Change } from '../base/changes';
import type { ForeignWriteHint } from '../catalog/catalog-cache';
import type { PostgresHandle } from '../db/database-handle';
import type { ChangeFeed } from './change-feed';

/** The channel every Kontaktdesk process on one PostgreSQL database listens on (the marker trigger of migration 0009 too). */
export const CHANNEL = 'kontaktdesk';

/** PostgreSQL refuses payloads of 8000 bytes or more; a change naming more days than fit says "any day". */
const MAX_PAYLOAD = 7_000;

/** The longest the catalog is trusted without reading the marker, should a notice never come. */
const LOOK_ANYWAY_MS = 5_000;

const EVERYTHING: Change[] = [{ kind: 'catalog' }, { kind: 'contacts', days: ANY_DAY }, { kind: 'devices' }, { kind: 'views' }, { kind: 'mail' }];

function payloadOf(from: string, change: Change): string {
  const payload = JSON.stringify({ from, change: minimalChange(change) });
  return payload.length < MAX_PAYLOAD ? payload : JSON.stringify({ from, change: { kind: 'contacts', days: ANY_DAY } });
}

type Notice = { kind: 'own' } | { kind: 'marker' } | { kind: 'change'; change: Change };

/**
 * What a payload on the channel says: a change another process announced, the marker trigger's
 * notice of a catalog or settings write (migration 0009), or our own echo. Anything unreadable (another
 * tool on the channel) counts as a marker notice: the cache looks again, which is never wrong.
 */
function noticeOf(payload: string, self: string): Notice {
  try {
    const message = JSON.parse(payload) as { from?: unknown; marker?: unknown; change?: Change };
    if (message.from === self) return { kind: 'own' };
    const change = message.change;
    if (message.marker === true || !change) return { kind: 'marker' };
    if (change.kind === 'devices' || change.kind === 'views' || change.kind === 'mail') return { kind: 'change', change: { kind: change.kind } };
    if (change.kind === 'contacts' && (change.days === ANY_DAY || (Array.isArray(change.days) && change.days.every((d) => typeof d === 'string')))) {
      return { kind: 'change', change: { kind: 'contacts', days: change.days } };
    }
  } catch {
    // not JSON
  }
  return { kind: 'marker' };
}

/**
 * Carries changes between the processes on one PostgreSQL database: the contacts and devices
 * changes this core's handlers publish (after their commit) are sent with NOTIFY, and what others
 * send is published here as `remote`. Catalog and settings writes are told by the marker trigger on
 * the same channel, inside the writing transaction, so every process hears of them at the commit,
 * even from a tool that sends nothing itself. While the listening connection is down the hint says "look" every time, and when it
 * is back every screen re-reads everything, since what was said meanwhile was not heard.
 */
export async function relayThroughPostgres(handle: PostgresHandle, feed: ChangeFeed): Promise<{ hint: ForeignWriteHint; close(): Promise<void> }> {
  const self = handle.applicationName;
  let markerMoved = true;
  let everListened = false;
  let lastLook = 0;
  const listener = await handle.listen(CHANNEL, {
    onMessage(payload) {
      const notice = noticeOf(payload, self);
      if (notice.kind === 'own') return;
      if (notice.kind === 'change') return feed.publish(notice.change, 'remote');
      // A catalog or settings write committed elsewhere: said by the trigger, so no write path can forget it.
      markerMoved = true;
      feed.publish({ kind: 'catalog' }, 'remote');
    },
    onListening() {
      markerMoved = true;
      if (everListened) for (const change of EVERYTHING) feed.publish(change, 'remote');
      everListened = true;
    },
    onLost(reason) {
      markerMoved = true;
      console.error(`Live updates from other PCs paused (${handle.label}): ${reason}; trying again`);
    },
  });
  const stopForwarding = feed.subscribe((change, origin) => {
    // Catalog changes travel by the marker trigger's notice, sent at the commit itself.
    if (origin !== 'local' || change.kind === 'catalog') return;
    // After the commit, outside any transaction. A notice lost here is a screen elsewhere that waits
    // for the next change; the data itself is stored.
    sql`select pg_notify(${CHANNEL}, ${payloadOf(self, change)})`.execute(handle.db).catch(() => undefined);
  });
  return {
    hint: () => {
      // A connection cut without a word (a cable pulled) is noticed late: the marker is read now and then anyway.
      const now = Date.now();
      if (!listener.listening() || now - lastLook >= LOOK_ANYWAY_MS) {
        lastLook = now;
        return true;
      }
      const moved = markerMoved;
      markerMoved = false;
      return moved;
    },
    async close() {
      stopForwarding();
      await listener.close();
    },
  };
}
