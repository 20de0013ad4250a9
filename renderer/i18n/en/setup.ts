import type { Messages } from '../de';

/** English: the first-visit setup of the management area. */
export const setup: Pick<Messages, 'setup'> = {
  setup: {
    heading: 'First-visit setup: confirm your site’s details',
    intro:
      'Please check and confirm once: name, opening date, time zone and opening hours. Until then the headline gives no figure “since opening”. Everything can be changed later under “Settings”.',
    preset:
      'Filled in are the current settings; a new database starts with those of the Sozial-Info im Wohnzimmer Leibnitz (opened on 1 June 2021). Please adapt them to your site.',
    openingDateNote: 'The first day your site was open. The headline “Since opening on …: … contacts in … months” counts from this day.',
    openingHoursNote: 'Contacts per open hour are computed from these.',
    confirm: 'Confirm these details',
    confirmZone: 'Change the time zone and confirm',
    zoneMoves_one: 'The new time zone {{zone}} recomputes the day and time of {{count, number}} contact already logged.',
    zoneMoves_other: 'The new time zone {{zone}} recomputes the day and time of {{count, number}} contacts already logged.',
    dateProblem: 'Please enter a date from 1 January 2000 on.',
  },
};
