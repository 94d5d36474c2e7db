// humanSize = docker/go-units HumanSize: decimal units, fmt "%.4g". Expected strings are what
// Go's fmt.Sprintf("%.4g%s") produced after go-units' division loop.
import { describe, expect, it } from 'vitest';
import { count, humanSize, parseSize, thousands } from '../../src/units.js';

describe('humanSize agrees with go-units HumanSize', () => {
  const table: [number, string][] = [
    [0, "0B"],
    [1, "1B"],
    [9, "9B"],
    [10, "10B"],
    [99, "99B"],
    [100, "100B"],
    [512, "512B"],
    [999, "999B"],
    [1000, "1kB"],
    [1001, "1.001kB"],
    [1023, "1.023kB"],
    [1024, "1.024kB"],
    [1499, "1.499kB"],
    [1500, "1.5kB"],
    [1234, "1.234kB"],
    [1234567, "1.235MB"],
    [9999, "9.999kB"],
    [10000, "10kB"],
    [12345, "12.35kB"],
    [99994, "99.99kB"],
    [99995, "100kB"],
    [99999, "100kB"],
    [100000, "100kB"],
    [123456, "123.5kB"],
    [999499, "999.5kB"],
    [999500, "999.5kB"],
    [999949, "999.9kB"],
    [999950, "1000kB"],
    [999999, "1000kB"],
    [1000000, "1MB"],
    [1048576, "1.049MB"],
    [1073741824, "1.074GB"],
    [5368709120, "5.369GB"],
    [8589934592, "8.59GB"],
    [1000000000000, "1TB"],
    [1500000000000, "1.5TB"],
    [123456789012345, "123.5TB"],
    [1000000000000000, "1PB"],
    [1000000000000000000, "1EB"],
    [1e+21, "1ZB"],
    [1e+24, "1YB"],
    [9.9995e+26, "1000YB"],
    [1e+27, "1000YB"],
    [4096, "4.096kB"],
    [3072, "3.072kB"],
    [28672, "28.67kB"],
    [6144, "6.144kB"],
    [1536, "1.536kB"],
    [2048, "2.048kB"],
    [4608, "4.608kB"],
    [12500, "12.5kB"],
    [32500, "32.5kB"],
    [1250, "1.25kB"],
  ];
  it.each(table)('humanSize(%d) = %j', (bytes, expected) => {
    expect(humanSize(bytes)).toBe(expected);
  });

  it('formats the tar sizes docker prints for small contexts', () => {
    expect(humanSize(2048)).toBe('2.048kB');
    expect(humanSize(28672)).toBe('28.67kB');
  });
});

// Go's %g rounds an exact decimal tie to even (strconv's ryu fixed-precision path); JavaScript's
// toPrecision rounds ties up. 1062500 / 1000 / 1000 is exactly 1.0625 in binary.
describe('humanSize: exact ties round to even in Go', () => {
  const table: [number, string][] = [
    [1062500, '1.062MB'],
    [2062500, '2.062MB'],
    [10125000, '10.12MB'],
  ];
  it.each(table)('humanSize(%d) = %j', (bytes, expected) => {
    expect(humanSize(bytes)).toBe(expected);
  });

  it('ties that round up to even agree', () => {
    expect(humanSize(1187500)).toBe('1.188MB'); // 1.1875 → 1.188 both ways
  });
});

// From 10000 YB on, %.4g switches to exponent form ("1e+04YB"); ctxcheck prints digits.
describe('humanSize: exponent form beyond 9999 YB', () => {
  it.each([
    [1e28, '1e+04YB'],
    [1e30, '1e+06YB'],
  ] as [number, string][])('humanSize(%d) = %j', (bytes, expected) => {
    expect(humanSize(bytes)).toBe(expected);
  });
});

describe('parseSize', () => {
  const table: [string, number | null][] = [
    ['0', 0],
    ['2048', 2048],
    ['10MB', 10_000_000],
    ['10mb', 10_000_000],
    ['500kB', 500_000],
    ['500k', 500_000],
    ['1.5GB', 1_500_000_000],
    ['1.5GiB', 1_610_612_736],
    ['1KiB', 1024],
    ['2MiB', 2_097_152],
    ['1TiB', 1_099_511_627_776],
    ['3TB', 3e12],
    ['7b', 7],
    ['7B', 7],
    [' 10 MB ', 10_000_000],
    ['2.5kB', 2500],
    ['1.2345', 1],
    ['', null],
    ['MB', null],
    ['-1', null],
    ['1.', null],
    ['.5MB', null],
    ['1e6', null],
    ['10XB', null],
    ['10 M B', null],
    ['1,000', null],
  ];
  it.each(table)('parseSize(%j) = %j', (text, expected) => {
    expect(parseSize(text)).toBe(expected);
  });

  it('round-trips humanSize output for whole units', () => {
    for (const n of [1000, 5_000_000, 2_000_000_000, 12_500]) {
      expect(parseSize(humanSize(n))).toBe(n);
    }
  });
});

describe('thousands writes en-US digit groups (by hand for integers)', () => {
  const table: [number, string][] = [
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [12_345, '12,345'],
    [100_000, '100,000'],
    [1_234_567, '1,234,567'],
    [-1, '-1'],
    [-1000, '-1,000'],
    [-123_456_789, '-123,456,789'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
    [1234.5678, '1,234.568'],
  ];
  it.each(table)('thousands(%d) = %j', (n, expected) => {
    expect(thousands(n)).toBe(expected);
  });

  it('matches toLocaleString("en-US") on integers of every length and sign', () => {
    for (let digits = 1; digits <= 16; digits++) {
      for (const n of [10 ** (digits - 1), 10 ** digits - 1, Math.floor(10 ** (digits - 1) * 1.2345)]) {
        if (!Number.isSafeInteger(n)) continue;
        expect(thousands(n)).toBe(n.toLocaleString('en-US'));
        expect(thousands(-n)).toBe((-n).toLocaleString('en-US'));
      }
    }
  });

  it('count() puts the noun after the grouped number', () => {
    expect(count(1, 'file')).toBe('1 file');
    expect(count(12_345, 'entry', 'entries')).toBe('12,345 entries');
  });
});
