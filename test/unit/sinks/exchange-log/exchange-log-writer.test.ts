import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsvLine } from '../../../../src/encode/exchange-csv.js';
import type { TrackingEvent } from '../../../../src/sim/event.js';
import { createExchangeLogWriter, type ExchangeLogWriterOptions } from '../../../../src/sinks/exchange-log/exchange-log-writer.js';
import { FIXTURE_EVENTS } from '../../../fixtures/events.js';
import { manyEvents } from './many-events.js';

const H16 = Date.parse('2026-12-03T16:00:00.000Z');
const HOUR = 3_600_000;
const MiB = 1024 * 1024;
const DEFAULTS = { fileMaxBytes: 10 * MiB, dirMaxBytes: 1000 * MiB, maxAgeMs: 30 * 24 * HOUR };

// Written out rather than taken from csvHeaderLines: the header Exchange 2019 writes (§1).
const header = (date: string): string =>
  '#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.009\r\n#Log-type: Message Tracking Log\r\n' +
  `#Date: ${date}\r\n` +
  '#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,' +
  'internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,' +
  'related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,' +
  'tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version\r\n';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrk-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => statSync(join(dir, p)).isFile()).sort();
}

/** The rows of a log file (header lines left out); asserts CRLF endings throughout. */
function rows(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  return text.split('\r\n').slice(0, -1).filter((l) => !l.startsWith('#'));
}

async function writeAll(events: readonly TrackingEvent[], options: Partial<ExchangeLogWriterOptions> & { dir: string }): Promise<void> {
  const writer = createExchangeLogWriter({ ...DEFAULTS, ...options });
  for (const ev of events) await writer.write(ev);
  await writer.close();
}

const logIdOf = (row: string): string => parseCsvLine(row)[28];

describe('exchange log writer: files as Exchange writes them', () => {
  it('writes one folder per server, one file family per service, each file opening with the header', async () => {
    const dir = tempDir();
    const events = [...FIXTURE_EVENTS].sort((a, b) => a.ts - b.ts).filter((e) => e.ts < FIXTURE_EVENTS[0].ts + HOUR);
    await writeAll(events, { dir });

    expect(listFiles(dir)).toEqual([
      'EXCH01/MSGTRK2026022217-1.LOG',
      'EXCH01/MSGTRKMS2026022217-1.LOG',
      'EXCH02/MSGTRK2026022217-1.LOG',
      'EXCH02/MSGTRKMD2026022217-1.LOG',
    ]);
    // The header is dated with the file's creation: the simulated time of its first line.
    expect(readFileSync(join(dir, 'EXCH01/MSGTRKMS2026022217-1.LOG'), 'utf8').startsWith(header('2026-02-22T17:06:16.123Z'))).toBe(true);
    expect(readFileSync(join(dir, 'EXCH02/MSGTRKMD2026022217-1.LOG'), 'utf8').startsWith(header('2026-02-22T17:06:16.500Z'))).toBe(true);

    const where = new Map<string, string>();
    for (const file of listFiles(dir)) for (const row of rows(join(dir, file))) where.set(logIdOf(row), file);
    const expected = (ev: TrackingEvent): string => {
      if (ev.eventId === 'DELIVER') return 'EXCH02/MSGTRKMD2026022217-1.LOG';
      if (ev.source === 'STOREDRIVER') return 'EXCH01/MSGTRKMS2026022217-1.LOG';
      const outgoing = ev.source === 'SMTP' && ['SEND', 'DEFER', 'FAIL'].includes(ev.eventId);
      const server = outgoing ? ev.clientHostname : ev.serverHostname;
      return `${server}/MSGTRK2026022217-1.LOG`;
    };
    expect(where.size).toBe(events.length);
    for (const ev of events) expect(where.get(ev.logId), `${ev.eventId}/${ev.source}`).toBe(expected(ev));
  });

  it('writes 30 columns per row that parse back to the event, in time order', async () => {
    const dir = tempDir();
    const events = manyEvents(340, H16, 1000);
    await writeAll(events, { dir, perServer: false });

    const byLogId = new Map(events.map((ev) => [ev.logId, ev]));
    let count = 0;
    for (const file of listFiles(dir)) {
      let previous = -Infinity;
      for (const row of rows(join(dir, file))) {
        const c = parseCsvLine(row);
        expect(c, row).toHaveLength(30);
        const ev = byLogId.get(c[28]) as TrackingEvent;
        expect(Date.parse(c[0])).toBe(ev.ts);
        expect(c[0]).toBe(new Date(ev.ts).toISOString());
        expect([c[7], c[8], c[9], c[10], c[11]]).toEqual([ev.source, ev.eventId, String(ev.internalMessageId), ev.messageId, ev.networkMessageId]);
        expect([c[12], c[13], c[17]]).toEqual([ev.recipients.join(';'), ev.recipientStatus?.join(';') ?? '', ev.reference?.join(';') ?? '']);
        expect([c[14], c[15], c[18], c[19], c[20]]).toEqual([String(ev.totalBytes), String(ev.recipientCount), ev.subject ?? '', ev.sender, ev.returnPath]);
        expect([c[1], c[2], c[3], c[4], c[5], c[26]]).toEqual([ev.clientIp ?? '', ev.clientHostname ?? '', ev.serverIp ?? '', ev.serverHostname, ev.sourceContext ?? '', ev.customData ?? '']);
        expect(ev.ts).toBeGreaterThan(previous);
        previous = ev.ts;
        count++;
      }
    }
    expect(count).toBe(events.length);
  });

  it('gives byte-identical files for the same events', async () => {
    const events = manyEvents(500, H16 + 1234, 7_919);
    const [a, b] = [tempDir(), tempDir()];
    await writeAll(events, { dir: a, fileMaxBytes: 20_000 });
    await writeAll(events, { dir: b, fileMaxBytes: 20_000 });
    expect(listFiles(b)).toEqual(listFiles(a));
    for (const file of listFiles(a)) expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
  });
});

describe('exchange log writer: roll-over', () => {
  it('opens the next instance when the next line would pass the size limit', async () => {
    const dir = tempDir();
    const events = manyEvents(600, H16, 100);
    await writeAll(events, { dir, perServer: false, fileMaxBytes: 8192 });

    const transport = listFiles(dir).filter((f) => f.startsWith('MSGTRK2'));
    expect(transport.length).toBeGreaterThan(10);
    expect(transport.sort((x, y) => Number(/-(\d+)/.exec(x)?.[1]) - Number(/-(\d+)/.exec(y)?.[1]))).toEqual(
      transport.map((_, i) => `MSGTRK2026120316-${i + 1}.LOG`),
    );
    const lines: string[] = [];
    for (const file of transport) {
      const path = join(dir, file);
      const size = statSync(path).size;
      expect(size).toBeLessThanOrEqual(8192);
      const file_rows = rows(path);
      expect(readFileSync(path, 'utf8').startsWith(header(parseCsvLine(file_rows[0])[0]))).toBe(true);
      // Full: the first row of the next file would not have fitted.
      lines.push(...file_rows);
    }
    const expected = events.filter((e) => e.source !== 'STOREDRIVER').map((e) => e.logId);
    expect(lines.map(logIdOf)).toEqual(expected);
  });

  it('keeps a line longer than the limit whole, alone in its file', async () => {
    const dir = tempDir();
    const events = manyEvents(3, H16, 1000).map((e) => ({ ...e, source: 'SMTP' as const, customData: 'x'.repeat(5000) }));
    await writeAll(events, { dir, perServer: false, fileMaxBytes: 2048 });
    expect(listFiles(dir)).toEqual(['MSGTRK2026120316-1.LOG', 'MSGTRK2026120316-2.LOG', 'MSGTRK2026120316-3.LOG']);
    for (const file of listFiles(dir)) expect(rows(join(dir, file))).toHaveLength(1);
  });

  it('starts a new file, instance 1, when the hour changes', async () => {
    const dir = tempDir();
    const events = manyEvents(40, H16 + 30 * 60_000, 5 * 60_000); // 16:30 … 19:45
    await writeAll(events, { dir, perServer: false });
    expect(listFiles(dir).filter((f) => f.startsWith('MSGTRK2'))).toEqual([
      'MSGTRK2026120316-1.LOG',
      'MSGTRK2026120317-1.LOG',
      'MSGTRK2026120318-1.LOG',
      'MSGTRK2026120319-1.LOG',
    ]);
    for (const file of listFiles(dir)) {
      const hour = /(\d{4})(\d{2})(\d{2})(\d{2})-/.exec(file)?.slice(1) ?? [];
      for (const row of rows(join(dir, file))) expect(row.slice(0, 13)).toBe(`${hour[0]}-${hour[1]}-${hour[2]}T${hour[3]}`);
    }
  });

  it('continues the instance numbers of files already there and never overwrites them', async () => {
    const dir = tempDir();
    const events = manyEvents(100, H16, 1000);
    await writeAll(events.slice(0, 50), { dir, perServer: false });
    const before = Object.fromEntries(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    await writeAll(events.slice(50), { dir, perServer: false });
    expect(listFiles(dir).filter((f) => f.startsWith('MSGTRK2'))).toEqual(['MSGTRK2026120316-1.LOG', 'MSGTRK2026120316-2.LOG']);
    for (const [file, text] of Object.entries(before)) expect(readFileSync(join(dir, file), 'utf8')).toBe(text);
  });
});

describe('exchange log writer: retention', () => {
  it('deletes files whose last line is older than the maximum age', async () => {
    const dir = tempDir();
    const events = manyEvents(300, H16, 60_000); // 16:00 … 20:59
    await writeAll(events, { dir, maxAgeMs: HOUR });
    // Last line 20:59; the 19:00 files end at 19:59 or later, exactly within an hour.
    const hours = new Set(listFiles(dir).map((f) => /(\d{2})-\d+\.LOG$/.exec(f)?.[1]));
    expect([...hours].sort()).toEqual(['19', '20']);
  });

  it('deletes the oldest files of a prefix while that prefix passes the folder limit', async () => {
    const dir = tempDir();
    const events = manyEvents(3000, H16, 1000);
    await writeAll(events, { dir, perServer: false, fileMaxBytes: 8192, dirMaxBytes: 40_000 });

    for (const family of ['MSGTRK', 'MSGTRKMS', 'MSGTRKMD']) {
      const files = listFiles(dir).filter((f) => new RegExp(`^${family}\\d`).test(f));
      const total = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
      expect(total, family).toBeLessThanOrEqual(40_000);
      expect(total, family).toBeGreaterThan(40_000 - 8192);
      // What is left is the newest: contiguous instance numbers up to the last, holding the last lines.
      const seqs = files.map((f) => Number(/-(\d+)\.LOG$/.exec(f)?.[1])).sort((x, y) => x - y);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
      expect(seqs[0]).toBeGreaterThan(1);
      const last = rows(join(dir, `${family}2026120316-${seqs[seqs.length - 1]}.LOG`)).at(-1) as string;
      const lastOfFamily = events.filter((e) => (family === 'MSGTRK' ? e.source !== 'STOREDRIVER' : (e.eventId === 'DELIVER') === (family === 'MSGTRKMD') && e.source === 'STOREDRIVER')).at(-1);
      expect(logIdOf(last)).toBe(lastOfFamily?.logId);
    }
  });
});

describe('exchange log writer: back-pressure and failures', () => {
  it('asks the producer to wait above the high-water mark and loses nothing', async () => {
    const dir = tempDir();
    const writer = createExchangeLogWriter({ ...DEFAULTS, dir, perServer: false, highWaterBytes: 2048 });
    const events = manyEvents(200, H16, 1000);
    let waits = 0;
    for (const ev of events) {
      const wait = writer.write(ev);
      if (wait) {
        waits++;
        await wait;
      }
    }
    await writer.close();
    expect(waits).toBeGreaterThan(10);
    const total = listFiles(dir).reduce((n, f) => n + rows(join(dir, f)).length, 0);
    expect(total).toBe(events.length);
    expect(() => writer.write(events[0])).toThrow(/closed/);
  });

  it('reports an I/O failure from close and from later writes', async () => {
    const dir = tempDir();
    // Something that is not a log file holds the name the first file would get.
    mkdirSync(join(dir, 'MSGTRK2026120316-1.LOG'));
    const writer = createExchangeLogWriter({ ...DEFAULTS, dir, perServer: false });
    const transport = manyEvents(17, H16, 1000).filter((e) => e.source === 'SMTP');
    writer.write(transport[0]);
    await expect(writer.close()).rejects.toThrow(/EEXIST/);
    expect(() => writer.write(transport[1])).toThrow(/EEXIST/);
  });
});
