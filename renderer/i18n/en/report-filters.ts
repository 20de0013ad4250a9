import type { ReportFiltersMessages } from '../de/report-filters';

/** English UI texts of the report's filter bar, its picker and the drill-down from charts and tables (issue 16). */
export const reportFilters: ReportFiltersMessages = {
  reportFilters: {
    heading: 'Filter',
    none: 'No filter: every contact.',
    clause: '{{dimension}}:',
    clauseExcluded: '{{dimension}} except:',
    or: 'or',
    removeValue: 'Remove filter: {{dimension}} {{value}}',
    removeExcludedValue: 'Remove filter: {{dimension}} except {{value}}',
    removeAll: 'Remove all filters',
    add: 'Add filter',
    pickerTitle: 'Add a filter',
    pickDimension: 'Filter by',
    pickValues: 'Values (one or more)',
    noValues: 'The catalog has no entries for this.',
    exclude: 'Exclude: only contacts without these values',
    selected_one: '{{count, number}} value chosen',
    selected_other: '{{count, number}} values chosen',
    apply: 'Apply filter',
    cancel: 'Cancel',
    noReferral: 'no referral',
    noThemeDay: 'no theme day',
    publication:
      'Suppression of small numbers allows no filters: comparing filtered and unfiltered reports could reveal hidden small counts. The cell-key method allows filters.',
    drillHint: 'Click a bar, or a name in a table, to filter by it.',
    drill: 'Filter by {{value}}',
    importedNotIncluded_one:
      'Not included: {{count, number}} imported contact from monthly counts. Imported monthly counts have a topic and a month only, so they count only under filters on topic, first topic or SDG goal.',
    importedNotIncluded_other:
      'Not included: {{count, number}} imported contacts from monthly counts. Imported monthly counts have a topic and a month only, so they count only under filters on topic, first topic or SDG goal.',
  },
};
