/**
 * The starting catalog of the Sozial-Info im Wohnzimmer Leibnitz. Another desk changes these
 * entries in the management area; nothing in the code depends on them. `sdgs` are the UN
 * Sustainable Development Goals a topic contributes to (1 no poverty, 3 health, 4 education,
 * 5 gender equality, 8 decent work, 10 reduced inequalities, 11 sustainable cities, 16 peace
 * and strong institutions), for the municipality's sustainability reporting.
 */
export const leibnitzTopics = [
  { labelDe: 'Arbeit', labelEn: 'Work', color: '#1d5f8a', hotkey: '1', sdgs: [8] },
  { labelDe: 'Wohnen', labelEn: 'Housing', color: '#8a4a0b', hotkey: '2', sdgs: [11] },
  { labelDe: 'Grundsicherung/Sozialhilfe', labelEn: 'Basic income support', color: '#2f6b32', hotkey: '3', sdgs: [1, 10] },
  { labelDe: 'Gesundheit', labelEn: 'Health', color: '#a12b3c', hotkey: '4', sdgs: [3] },
  { labelDe: 'Armut/Schulden', labelEn: 'Poverty/debt', color: '#5b4a99', hotkey: '5', sdgs: [1] },
  { labelDe: 'Familie & Kinder', labelEn: 'Family & children', color: '#0f6b6b', hotkey: '6', sdgs: [] },
  { labelDe: 'Pflege & Demenz', labelEn: 'Care & dementia', color: '#7a2e6e', hotkey: '7', sdgs: [3] },
  { labelDe: 'Migration & Integration', labelEn: 'Migration & integration', color: '#6b5300', hotkey: '8', sdgs: [10] },
  { labelDe: 'Gewaltschutz', labelEn: 'Protection from violence', color: '#9b2c2c', hotkey: '9', sdgs: [5, 16] },
  { labelDe: 'Bildung', labelEn: 'Education', color: '#34568b', hotkey: 'a', sdgs: [4] },
  { labelDe: 'Behörden & Formulare', labelEn: 'Authorities & forms', color: '#4d5d1f', hotkey: 'b', sdgs: [16] },
  { labelDe: 'Freizeit & Begegnung', labelEn: 'Leisure & meeting people', color: '#6d4c41', hotkey: 'c', sdgs: [] },
] as const;

export const leibnitzOrganisations = [
  'AMS Leibnitz',
  'BH Leibnitz',
  'Stadtgemeinde Leibnitz – Bürgerservice',
  'Caritas',
  'Volkshilfe',
  'ZEBRA',
  'StoP – Stadt ohne Partnergewalt',
  'Frauen- und Mädchenberatung',
  'Schuldnerberatung',
  'Pflegedrehscheibe',
  'ÖGK',
  'Rotes Kreuz',
] as const;

/** ISO 639-1 codes; German first because it is the default. */
export const leibnitzLanguages = [
  { code: 'de', labelDe: 'Deutsch', labelEn: 'German' },
  { code: 'en', labelDe: 'Englisch', labelEn: 'English' },
  { code: 'sl', labelDe: 'Slowenisch', labelEn: 'Slovenian' },
  { code: 'hr', labelDe: 'Kroatisch', labelEn: 'Croatian' },
  { code: 'bs', labelDe: 'Bosnisch', labelEn: 'Bosnian' },
  { code: 'sr', labelDe: 'Serbisch', labelEn: 'Serbian' },
  { code: 'hu', labelDe: 'Ungarisch', labelEn: 'Hungarian' },
  { code: 'ro', labelDe: 'Rumänisch', labelEn: 'Romanian' },
  { code: 'tr', labelDe: 'Türkisch', labelEn: 'Turkish' },
  { code: 'ar', labelDe: 'Arabisch', labelEn: 'Arabic' },
  { code: 'fa', labelDe: 'Persisch (Farsi/Dari)', labelEn: 'Persian (Farsi/Dari)' },
  { code: 'uk', labelDe: 'Ukrainisch', labelEn: 'Ukrainian' },
  { code: 'ru', labelDe: 'Russisch', labelEn: 'Russian' },
] as const;

export const leibnitzDesks = ['Sozial-Info'] as const;
