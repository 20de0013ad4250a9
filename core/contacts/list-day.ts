import type { ListDayInput } from './contact-inputs';
import type { CoreContext } from '../context';
import { localParts } from '../time/local-parts';
import type { DayList } from './contact-types';
import { readDay } from './read-contacts';

/** The desk's list for one local day (today by default) with the count of contacts that count. */
export async function listDay(ctx: CoreContext, input: ListDayInput): Promise<DayList> {
  const { settings } = await ctx.catalog.catalog();
  const day = input.day ?? localParts(ctx.now(), settings.timeZone).day;
  const contacts = await readDay(ctx.db, day, settings.timeZone);
  return { day, count: contacts.filter((c) => !c.voided).length, contacts };
}
