import type { ClosuresMessages } from '../de/closures';

/** English UI texts: the closure calendar and what the report says about closed days. */
export const closures: ClosuresMessages = {
  closures: {
    heading: 'Closures',
    explain:
      'Closed days have no open hours: they do not count in “contacts per open hour”, as a theme day or as a day to compare with. The Austrian public holidays are built in; enter the site’s own closures (e.g. a Christmas break) here.',
    add: 'Add a closure',
    addHeading: 'New closure',
    editHeading: 'Change closure',
    from: 'From',
    to: 'To (inclusive)',
    note: 'Reason',
    notePlaceholder: 'e.g. Christmas break',
    kind: 'Kind',
    kinds: { closed: 'closed', open: 'open anyway' },
    kindHelp: '“open anyway” lifts a public holiday or a closure for these days: their opening hours count.',
    save: 'Save',
    edit: 'Change',
    delete: 'Delete',
    confirmDelete: 'Delete the closure “{{note}}”?',
    deleteExplain: '{{range}} then counts by the opening hours again. The audit log keeps the entry.',
    saved: 'Saved: {{note}}, {{range}}.',
    deleted: 'Deleted: {{note}}, {{range}}.',
    own: 'The site’s own closures',
    none: 'No closures of the site’s own yet.',
    length_one: '{{count, number}} day',
    length_other: '{{count, number}} days',
    col: { days: 'Days', length: 'Length', note: 'Reason', kind: 'Kind' },
    holidays: 'Public holidays {{year}}',
    holidaysExplain:
      'Built in and computed for every year (Easter and the holidays that depend on it included). Good Friday, 24 and 31 December are not public holidays: if the site closes on them, enter them as its own closures.',
    previousYear: 'Previous year',
    nextYear: 'Next year',
    holidayCol: { day: 'Date', name: 'Holiday', status: 'On this day' },
    holidayClosed: 'closed',
    holidayOpened: 'open by “{{note}}”',
    problems: {
      from: 'Please choose the first day (2000 to 2099).',
      to: 'Please choose the last day (2000 to 2099).',
      order: 'The last day lies before the first.',
      length: 'At most {{max}} days per entry: please split longer closures.',
      note: 'Please give the reason (1 to {{max}} characters, one line).',
    },
    inReport: {
      closedDays_one: 'without {{count, number}} closed day',
      closedDays_other: 'without {{count, number}} closed days',
      closedList: 'Not counted as open hours (closed): {{days}}',
      moreClosed_one: 'and {{count, number}} more',
      moreClosed_other: 'and {{count, number}} more',
      openDays: 'Open days',
      openDaysNote:
        'The map counts contacts, not contacts per hour. “Open days”: days of this weekday with opening hours on which the site was open (closed days left out).',
    },
  },
};
