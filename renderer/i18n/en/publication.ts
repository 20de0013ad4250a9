import type { PublicationMessages } from '../de/publication';

/** English UI texts of publication mode's choices; `note` word for word as core/publication/publication-notes.ts. */
export const publication: PublicationMessages = {
  publication: {
    method: 'Method',
    methods: {
      cellKey: 'Cell-key method (recommended)',
      suppression: 'Suppression of small numbers',
    },
    methodNames: { cellKey: 'cell-key method', suppression: 'suppression of small numbers' },
    methodHints: {
      cellKey: 'Every figure is changed by at most 2, always the same way. Filters and the pivot table stay available.',
      suppression: 'Small numbers are hidden as ·. For a single table that is not sliced further: no filters, no pivot table.',
    },
    topicGroups: 'Topic groups instead of topics',
    topicGroupsHint: 'the topics of a group in one row',
    note: {
      cellKey:
        'To protect visitors, every figure is changed by at most 2 (never 1 or 2); totals are figures of their own and may differ from the sum of their rows by a few.',
      suppression: 'To protect visitors, small numbers and whatever would reveal them are replaced by ·.',
    },
    groupDrill: 'Filter by every topic of the group: {{value}}',
  },
};
