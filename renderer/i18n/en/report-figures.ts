import type { ReportFiguresMessages } from '../de/report-figures';

/** English UI texts of the report's SDG section, the daily/weekly series and the referral figures. */
export const reportFigures: ReportFiguresMessages = {
  sdgReport: {
    section: 'Contribution to the SDGs',
    note: 'A contact counts once for every UN Sustainable Development Goal (SDG) one of its topics carries – also when several of its topics carry the same goal. Contacts whose topics carry no goal are not counted. Which topics carry which goals is set in the catalogue.',
    goal: 'SDG goal',
    contacts: 'Contacts (each once per goal)',
    viaTopics: 'through the topics',
    rowsTotal: 'Sum of the rows (contact–goal pairs)',
    withGoal: 'Contacts with at least one goal (each once)',
    chart: 'Contacts per goal',
    none: 'No topic carries an SDG goal (catalogue → topics).',
  },
  series: {
    title: { day: 'Contacts per day', week: 'Contacts per calendar week', month: 'Contacts per month' },
    weekNote: 'ISO 8601 calendar weeks, Monday to Sunday; the first and the last week can be shorter at the edges of the period.',
    importedDay_one: 'Not in this series: {{count, number}} imported contact from monthly counts (imported, cannot be split into days).',
    importedDay_other: 'Not in this series: {{count, number}} imported contacts from monthly counts (imported, cannot be split into days).',
    importedWeek_one: 'Not in this series: {{count, number}} imported contact from monthly counts (imported, cannot be split into weeks).',
    importedWeek_other: 'Not in this series: {{count, number}} imported contacts from monthly counts (imported, cannot be split into weeks).',
    importedHidden: 'Not in this series: · imported contacts from monthly counts (imported, cannot be split into days or weeks).',
    table: 'Figures as a table',
    day: 'Day',
    week: 'Calendar week',
    weekLabel: 'Week {{week}}',
    contacts: 'Contacts',
  },
  referralFigures: {
    countHeading: 'Referrals',
    total: 'Sum: referrals',
    contactsWithReferral: 'Contacts with a referral (each once)',
    crossNote:
      'A cell counts the contacts with that topic and a referral to that place. The sums count topic–place pairs: a contact with two topics (or two places) is in two cells and counts twice in the grand total, which is therefore larger than the number of referrals.',
    crossTotal: 'Sum (pairs)',
  },
  askerChart: 'Contacts',
};
