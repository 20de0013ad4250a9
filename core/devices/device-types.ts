import type { ThisDevice } from '../base/call';

/** A paired device as management sees it. Zod-free, so the renderer can import it. */
export interface DeviceInfo {
  id: number;
  name: string;
  /** The desk its contacts are logged at; null: the catalog's first active desk. */
  deskId: number | null;
  /** ISO instants. */
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** What a paired device knows about itself: part of every call's CallInfo, so it lives in the bottom layer. */
export type { ThisDevice };

export interface PairedDevice {
  /** Kept only by the device (in its browser storage); the server stores its hash. */
  token: string;
  device: ThisDevice;
}

export interface PairingCode {
  /** Six digits, used once. */
  code: string;
  /** ISO instant after which the code no longer pairs. */
  expiresAt: string;
  deskId: number | null;
}

/** Why the LAN listener is down although sharing is on; the UI says it in words. */
export type LanProblem = 'portInUse' | 'cannotListen' | 'noListener';

export interface SharingState {
  /** Management's switch, stored in the settings: survives a restart. */
  enabled: boolean;
  /** Whether the LAN listener is up now (a shell without one, or a port in use, leaves it down). */
  listening: boolean;
  port: number | null;
  /** `http://<IPv4>:<port>/` for every non-internal IPv4 interface of this machine. */
  addresses: string[];
  /** Why the listener is down although sharing is on (e.g. the port is in use). */
  problem: LanProblem | null;
  /** The code waiting to be used, if one was made and has not expired. */
  pairingCode: PairingCode | null;
}
