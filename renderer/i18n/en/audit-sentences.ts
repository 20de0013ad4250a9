import type { Messages } from '../de';

/** English: each audit entry as one sentence, as in German. */
export const auditSentences: Pick<Messages, 'auditSentence'> = {
  auditSentence: {
    plain: '{{head}}.',
    withDetails: '{{head}} – {{details}}.',
    change: '{{field}}: {{old}} → {{new}}',
    value: '{{field}}: {{value}}',
    actions: {
      create: '{{subject}} created',
      amend: '{{subject}} changed',
      void: '{{subject}} voided',
      undo: '{{subject}} undone',
      retire: '{{subject}} retired (no longer offered at the desk)',
      reactivate: '{{subject}} reactivated',
      merge: '{{subject}} merged',
      pair: '{{subject}} paired',
      revoke: 'Access revoked for {{subject}}',
      delete: '{{subject}} deleted',
    },
    otherAction: '{{subject}}: changed',
    contactCreated: '{{subject}} logged',
    themeDayEnded: '{{subject}} ended',
    imported_one: '{{subject}}: {{count, number}} contact imported from {{rows}} ({{layout}}, {{range}})',
    imported_other: '{{subject}}: {{count, number}} contacts imported from {{rows}} ({{layout}}, {{range}})',
    mergedFrom_one: '{{subject}}: “{{source}}” merged into it, {{count, number}} contact taken over',
    mergedFrom_other: '{{subject}}: “{{source}}” merged into it, {{count, number}} contacts taken over',
    mergedInto: '{{subject}} merged into “{{target}}” and retired',
    pinSet: 'Management PIN set',
    pinChanged: 'Management PIN changed',
    pinReset: 'Management PIN reset on the PC (forgotten PIN); the next visit to the management area sets a new one',
    setupConfirmed: 'First-visit setup confirmed (name, opening date, time zone and opening hours)',
    mailPasswordSet: 'Mail server password saved (on this PC only)',
    mailPasswordChanged: 'Mail server password changed',
    mailPasswordRemoved: 'Mail server password removed',
  },
};
