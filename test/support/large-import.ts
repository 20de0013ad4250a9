import { seededRandom } from '../../core/demo/random';
import { CONTACTS_HEADER, csvBytes } from './import-files';

/** Names of the seeded catalog, as an old Excel list writes them. */
const TOPICS = ['Arbeit', 'Wohnen', 'Gesundheit', 'Armut/Schulden', 'Pflege & Demenz', 'Migration & Integration'];
const LANGUAGES = ['Deutsch', 'Englisch', 'Arabisch', 'Kroatisch'];
const REFERRALS = ['', '', 'Caritas', 'AMS Leibnitz', 'Schuldnerberatung, Caritas'];
const CHANNELS = ['persönlich', 'persönlich', 'Telefon', 'E-Mail'];

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A contacts list of `rows` rows spread over `days` days from `from`, sorted by day as such lists are;
 * about one row in ten has no time. The same seed gives the same bytes (and so the same file hash).
 */
export function largeContactsCsv(rows: number, { from = '2019-01-01', days = 1500, seed = 1 }: { from?: string; days?: number; seed?: number } = {}): Buffer {
  const random = seededRandom(seed);
  const start = Date.parse(`${from}T00:00:00Z`);
  const offsets = Array.from({ length: rows }, () => Math.floor(random() * days)).sort((a, b) => a - b);
  const lines = offsets.map((offset, i) => {
    const d = new Date(start + offset * DAY_MS);
    const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
    const time = random() < 0.1 ? '' : `${pad(8 + Math.floor(random() * 9))}:${pad(Math.floor(random() * 60))}`;
    const topic = random() < 0.3 ? `${TOPICS[i % 6]}, ${TOPICS[(i + 1) % 6]}` : TOPICS[i % 6]!;
    return [day, time, topic, CHANNELS[i % 4]!, random() < 0.9 ? 'Bürger*in' : 'Organisation', LANGUAGES[i % 4]!, REFERRALS[i % 5]!];
  });
  return csvBytes([CONTACTS_HEADER, ...lines]);
}
