import type { Asker, Channel, EntryKind, VoidReason } from '../base/enums';

/** One contact as the desk sees it. Times are ISO instants; `localTime` is HH:MM in the site's zone. */
export interface ContactView {
  id: number;
  occurredAt: string;
  enteredAt: string;
  localDay: string;
  localTime: string;
  topicIds: number[];
  referralIds: number[];
  languageId: number;
  channel: Channel;
  asker: Asker;
  deskId: number;
  entryKind: EntryKind;
  voided: boolean;
  voidReason: VoidReason | null;
}

export interface LoggedContact {
  contact: ContactView;
  /** Counting contacts of the contact's local day, after this one. */
  todayCount: number;
  /** Contacts this tap stands for: 1, or N for a batch ("+N"); `contact` is the first of them. */
  count: number;
  /** True when the request id had already been stored: the tap was counted once. */
  duplicate: boolean;
}

export interface DayList {
  day: string;
  /** Contacts that count (not voided). */
  count: number;
  /** Newest first; includes voided contacts, but not undone ones. */
  contacts: ContactView[];
}

/** One page of the contact browser (management area): contacts of a range of local days that match a filter. */
export interface ContactPage {
  from: string;
  to: string;
  /** Contacts in the range that match the filter, on every page; voided ones included unless hidden, undone taps never. */
  total: number;
  /** Of `total`, those that count in the reports (not voided). */
  counting: number;
  /** Newest first: by when they happened, then by id. */
  contacts: ContactView[];
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  nextBefore: number | null;
}
