/** Closed value sets of the contract, zod-free so the renderer can list them without bundling zod. */
export const CHANNELS = ['in_person', 'phone', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ASKERS = ['citizen', 'organisation'] as const;
export type Asker = (typeof ASKERS)[number];

/** Reasons are codes, never free text: the database holds nothing that could identify a person. */
export const VOID_REASONS = ['duplicate', 'wrong_entry', 'test', 'other'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
