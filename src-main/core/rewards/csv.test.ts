import { describe, it, expect } from 'vitest';
import { csvCell, paymentsToCsv, toCsv } from './csv';

describe('csvCell', () => {
  it('neutralises spreadsheet formula triggers with a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('node = good')).toBe('node = good');
  });

  it('quotes commas, quotes and newlines per RFC 4180', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps our own numbers numeric and empties the rest', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(123n)).toBe('123');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('joins rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('paymentsToCsv', () => {
  it('writes exact FLUX amounts, USD from the day price, and escapes hostile node names', () => {
    const csv = paymentsToCsv(
      [
        { id: 1, nodeId: 7, height: 2_200_000, paidAt: Date.UTC(2026, 0, 2, 3, 4, 5), amountSat: 350_000_000n, tier: 'NIMBUS', source: 'last_paid_height' },
        { id: 2, nodeId: 8, height: 2_200_001, paidAt: Date.UTC(2026, 0, 3), amountSat: 90_000_000n, tier: 'CUMULUS', source: 'last_paid_height' },
      ],
      new Map([[7, '=cmd|"/c calc"!A1']]),
      new Map([['2026-01-02', 0.5]]),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('date_utc,paid_at_iso,node,tier,height,amount_flux,amount_sat,usd_price,amount_usd,source');
    expect(lines[1]).toBe(`2026-01-02,2026-01-02T03:04:05.000Z,"'=cmd|""/c calc""!A1",NIMBUS,2200000,3.50000000,350000000,0.5,1.75,last_paid_height`);
    expect(lines[2]).toBe('2026-01-03,2026-01-03T00:00:00.000Z,#8,CUMULUS,2200001,0.90000000,90000000,,,last_paid_height');
    expect(lines[3]).toBe('');
  });
});
