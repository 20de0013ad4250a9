/** Closed value sets of the contract, zod-free so the renderer can list them without bundling zod. */
export const CHANNELS = ['in_person', 'phone', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ASKERS = ['citizen', 'organisation'] as const;
export type Asker = (typeof ASKERS)[number];

/** Reasons are codes, never free text: the database holds nothing that could identify a person. */
export const VOID_REASONS = ['duplicate', 'wrong_entry', 'test', 'other'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/**
 * How a contact got in: tapped now, back-dated, as a batch ("+N"), or imported from an earlier list
 * (`imported_day` when the list gave only the day: such a contact has no hour, so it stays out of
 * everything counted by hour: heat map, per open hour, theme days).
 */
export const ENTRY_KINDS = ['live', 'backdated', 'batch', 'imported', 'imported_day'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The entry kind of a contact whose time of day is unknown. */
export const DAY_ONLY_ENTRY = 'imported_day' satisfies EntryKind;
