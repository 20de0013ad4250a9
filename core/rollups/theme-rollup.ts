import { sql, type Kysely } from 'kysely';
import { KEY_SUM_OF_CONTACTS } from './rollup';

/** Recounts only the theme-day dimension of the rollup, after a calendar change re-attributed contacts. */
export async function rebuildThemeRollup(db: Kysely<any>): Promise<void> {
  await sql`delete from rollup_daily where dimension = 'theme'`.execute(db);
  await sql`insert into rollup_daily (day, dimension, key, n, key_sum)
    select c.local_day, 'theme', c.theme_day_id, count(*), ${KEY_SUM_OF_CONTACTS} from contacts c
    where c.voided_at is null and c.theme_day_id is not null group by c.local_day, c.theme_day_id`.execute(db);
}
