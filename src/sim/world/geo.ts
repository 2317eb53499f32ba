import type { Rng } from '../rng.js';

/**
 * Countries external mail comes from, each with a large public block registered to a national
 * ISP of that country, so a GeoIP country lookup of any address drawn from it agrees with the
 * CTRY verdict we log. Every block was checked by sampling 150+ addresses against the Debian
 * `geoip-database` country edition (FR once mixed in overseas departments: 90.0.0.0/9 was
 * replaced by Free's 88.160.0.0/11).
 */
export interface Country {
  readonly code: string;
  /** Top-level domain its companies use. */
  readonly tld: string;
  /** First address of the block as a 32-bit number, and the block size. */
  readonly base: number;
  readonly size: number;
  /** Share of legitimate correspondent domains located there. */
  readonly businessWeight: number;
  /** Share of spam and phishing sources located there. */
  readonly spamWeight: number;
}

function block(cidr: string): { base: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const [a, b, c, d] = ip.split('.').map(Number);
  return { base: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0, size: 2 ** (32 - Number(bits)) };
}

function country(code: string, tld: string, cidr: string, businessWeight: number, spamWeight: number): Country {
  return { code, tld, ...block(cidr), businessWeight, spamWeight };
}

export const COUNTRIES: readonly Country[] = [
  country('US', 'com', '12.0.0.0/8', 30, 12), // AT&T
  country('GB', 'co.uk', '86.128.0.0/10', 10, 2), // BT
  country('DE', 'de', '91.0.0.0/10', 10, 2), // Deutsche Telekom
  country('FR', 'fr', '88.160.0.0/11', 7, 2), // Free
  country('ES', 'es', '83.32.0.0/11', 4, 1), // Telefonica
  country('IT', 'it', '79.0.0.0/10', 4, 1), // Telecom Italia
  country('NL', 'nl', '77.160.0.0/12', 5, 2), // KPN
  country('SE', 'se', '90.224.0.0/12', 3, 0), // Telia
  country('CH', 'ch', '178.192.0.0/13', 3, 0), // Swisscom
  country('CA', 'ca', '99.224.0.0/11', 5, 1), // Rogers
  country('AU', 'com.au', '1.128.0.0/11', 3, 1), // Telstra
  country('JP', 'co.jp', '126.0.0.0/8', 4, 1), // SoftBank
  country('KR', 'co.kr', '121.128.0.0/10', 2, 3), // KT
  country('CN', 'cn', '175.16.0.0/13', 3, 16), // China Unicom
  country('IN', 'in', '117.192.0.0/10', 4, 10), // BSNL
  country('BR', 'com.br', '189.0.0.0/11', 2, 12), // NET Virtua
  country('VN', 'vn', '113.160.0.0/11', 0, 12), // VNPT
  country('NG', 'ng', '105.112.0.0/12', 0, 8), // Airtel Nigeria
  country('RU', 'ru', '95.24.0.0/13', 1, 14), // Beeline
];

/** A public address in the country's block, avoiding .0 and .255 host parts. */
export function addressIn(rng: Rng, c: Country): string {
  const v = (c.base + rng.int(c.size)) >>> 0;
  const last = 1 + ((v & 255) % 254);
  return (v >>> 24) + '.' + ((v >>> 16) & 255) + '.' + ((v >>> 8) & 255) + '.' + last;
}

/** True when `ip` (dotted quad) lies in the country's block: lets tests check CTRY coherence. */
export function inCountry(ip: string, c: Country): boolean {
  const [a, b, cc, d] = ip.split('.').map(Number);
  const v = ((a << 24) | (b << 16) | (cc << 8) | d) >>> 0;
  return v >= c.base && v < c.base + c.size;
}

export function countryByCode(code: string): Country | undefined {
  return COUNTRIES.find((c) => c.code === code);
}
