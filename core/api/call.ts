/** What a transport knows about a call besides its input. */
export interface CallInfo {
  /** The management session the calling tab or window holds, if it unlocked one. */
  session?: string | undefined;
}
