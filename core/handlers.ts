import type { Handlers } from './api/contract';
import type { CoreContext } from './context';
import { amendContact } from './contacts/amend-contact';
import { listDay } from './contacts/list-day';
import { logContact } from './contacts/log-contact';
import { undoContact, voidContact } from './contacts/void-contact';
import { exportReport } from './exports/export-report';
import { computeReport } from './reports/compute-report';
import { updateSettings } from './settings/update-settings';
import { retireThemeDay, saveThemeDay } from './theme-days/save-theme-day';

/** Binds each contract method to the capability module that implements it. */
export function createHandlers(ctx: CoreContext): Handlers {
  return {
    getCatalog: () => ctx.catalog.catalog(),
    logContact: (input) => logContact(ctx, input),
    amendContact: (input) => amendContact(ctx, input),
    undoContact: (input) => undoContact(ctx, input),
    voidContact: (input) => voidContact(ctx, input),
    listDay: (input) => listDay(ctx, input),
    getReport: (input) => computeReport(ctx, input),
    exportReport: (input) => exportReport(ctx, input),
    saveThemeDay: (input) => saveThemeDay(ctx, input),
    retireThemeDay: (input) => retireThemeDay(ctx, input),
    updateSettings: (input) => updateSettings(ctx, input),
  };
}
