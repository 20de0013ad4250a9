import type { ThisDevice } from '../devices/device-types';

/** What a transport knows about a call besides its input. */
export interface CallInfo {
  /** The management session the calling tab or window holds, if it unlocked one. */
  session?: string | undefined;
  /** The paired device a request from the local network came from (checked by its token); absent on this machine. */
  device?: ThisDevice | undefined;
}
