import { createHash, randomBytes } from 'node:crypto';

/** The header a paired device sends its token in; a header, not a cookie, so another site cannot make a browser send it. */
export const DEVICE_HEADER = 'x-kontaktdesk-device';

/** 32 random bytes, base64url: what a device keeps and sends with every call. */
export const newDeviceToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a token: enough to recognise it, useless to present. */
export const hashDeviceToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
