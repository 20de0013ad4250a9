/** What a paired device knows about itself; a transport finds it by the device's token. */
export interface ThisDevice {
  id: number;
  name: string;
  deskId: number | null;
}

/** What a transport knows about a call besides its input. */
export interface CallInfo {
  /** The management session the calling tab or window holds, if it unlocked one. */
  session?: string | undefined;
  /** The paired device a request from the local network came from (checked by its token); absent on this machine. */
  device?: ThisDevice | undefined;
}
