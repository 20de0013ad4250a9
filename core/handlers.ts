import type { Handlers } from './api/contract';
import type { CoreContext } from './context';
import { amendContact } from './contacts/amend-contact';
import { listDay } from './contacts/list-day';
import { logContact } from './contacts/log-contact';
import { undoContact, voidContact } from './contacts/void-contact';

/** Binds each contract method to the capability module that implements it. */
export function createHandlers(ctx: CoreContext): Handlers {
  return {
    getCatalog: () => ctx.catalog.catalog(),
    logContact: (input) => logContact(ctx, input),
    amendContact: (input) => amendContact(ctx, input),
    undoContact: (input) => undoContact(ctx, input),
    voidContact: (input) => voidContact(ctx, input),
    listDay: (input) => listDay(ctx, input),
  };
}
