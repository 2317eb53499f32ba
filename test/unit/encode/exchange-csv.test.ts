import { describe, expect, it } from 'vitest';
import { createEcsEncoder } from '../../../src/encode/ecs.js';
import { CSV_ECS_FIELDS, CSV_FIELDS, csvHeaderLines, encodeCsvLine, parseCsvLine } from '../../../src/encode/exchange-csv.js';
import type { TrackingEvent } from '../../../src/sim/event.js';
import { FIXTURE_EVENTS } from '../../fixtures/events.js';
import { leafValues } from './ecs-doc-check.js';
import { sampleEvents } from './sample-events.js';

const ecs = createEcsEncoder({ namespace: 'default', agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', agentVersion: '8.17.0', hostname: 'EXCH01' });

// The header of a real Exchange 2019 MSGTRK file (Microsoft's documentation, shared/docs §1).
const EXCHANGE_FIELDS =
  'date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,' +
  'internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,' +
  'related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,' +
  'tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version';

/** The JSON value of a column, written back the way the CSV writes it (arrays joined by ';'). */
function asColumn(values: unknown[] | undefined): string {
  return values === undefined ? '' : values.join(';');
}

describe('exchange CSV', () => {
  it('writes the five header lines Exchange writes, CRLF terminated', () => {
    expect(csvHeaderLines(Date.parse('2026-02-22T17:00:00Z'))).toBe(
      '#Software: Microsoft Exchange Server\r\n' +
        '#Version: 15.02.1544.009\r\n' +
        '#Log-type: Message Tracking Log\r\n' +
        '#Date: 2026-02-22T17:00:00.000Z\r\n' +
        '#Fields: ' + EXCHANGE_FIELDS + '\r\n',
    );
    expect(CSV_FIELDS.join(',')).toBe(EXCHANGE_FIELDS);
  });

  it('writes 30 columns per row that parse back to the same values as the JSON document', () => {
    for (const ev of sampleEvents()) {
      const line = encodeCsvLine(ev);
      expect(line).not.toMatch(/\r\n$/);
      const columns = parseCsvLine(line);
      expect(columns, line).toHaveLength(30);
      const json = leafValues(JSON.parse(ecs(ev)));
      // Compared as column-name -> value, so a failure names the column.
      const fromJson = Object.fromEntries(CSV_FIELDS.map((name, i) => [name, asColumn(json.get(CSV_ECS_FIELDS[i]))]));
      expect(Object.fromEntries(CSV_FIELDS.map((name, i) => [name, columns[i]])), line).toEqual(fromJson);
    }
  });

  it('writes a DELIVER line byte for byte as Exchange does', () => {
    const deliver = FIXTURE_EVENTS.find((e) => e.eventId === 'DELIVER') as TrackingEvent;
    expect(encodeCsvLine(deliver)).toBe(
      '2026-02-22T17:06:16.500Z,10.0.1.11,EXCH02.contoso.com,,EXCH02,' +
        '"MDB:2c8f1d0e-9b7a-4c6d-8e5f-4a3b2c1d0e9f, Mailbox:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, Event:88231405, MessageClass:IPM.Note, CreationTime:2026-02-22T17:06:16.101Z, ClientType:MOMT",' +
        ',STOREDRIVER,DELIVER,29519319995411,<DM6PR04MB6075A1B2C3D4E5F6@EXCH01.contoso.com>,3f1c1b9e-7a44-4a0b-8c0e-08de7231a5b1,' +
        'd.brown@contoso.com;k.lee@contoso.com,,18432,2,,,"Weekly status: Project Atlas, week 8",j.smith@contoso.com,j.smith@contoso.com,,' +
        'Originating,,,,S:MailboxDatabaseName=DB02;S:DatabaseHealth=-1,Email,e0a1b2c3-0008-4d5e-8f90-08de7231a008,15.02.1544.009',
    );
  });

  it('quotes values with commas, quotes or line breaks and doubles the quotes', () => {
    const base = FIXTURE_EVENTS[0];
    const cases: Array<[string, string]> = [
      ['plain subject', 'plain subject'],
      ['a, b', '"a, b"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\r\nlines', '"two\r\nlines"'],
      ['Zürich – ok', 'Zürich – ok'],
    ];
    for (const [subject, written] of cases) {
      const columns = encodeCsvLine({ ...base, subject });
      expect(columns).toContain(',' + written + ',');
      expect(parseCsvLine(columns)[18]).toBe(subject);
    }
  });

  it('parses quoted, empty and trailing fields, and rejects broken quoting', () => {
    expect(parseCsvLine('a,"b,c",,"d""e",')).toEqual(['a', 'b,c', '', 'd"e', '']);
    expect(parseCsvLine('""')).toEqual(['']);
    expect(parseCsvLine('"x\r\ny"')).toEqual(['x\r\ny']);
    expect(() => parseCsvLine('a,"unterminated')).toThrow(/column 2/);
    expect(() => parseCsvLine('"a"b')).toThrow(/column 1/);
  });
});
