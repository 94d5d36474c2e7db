import { describe, expect, test } from 'vitest';

import { DotenvError, InterpolationError, parseDotenv, substitute } from '../../src/project/interpolate.js';

const vars: Record<string, string> = { SET: 'value', EMPTY: '', DIR: 'web', NESTED: 'inner' };
const lookup = (k: string): string | undefined => vars[k];

describe('substitute (Compose interpolation)', () => {
  test.each([
    ['plain text', 'plain text'],
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['./${DIR}/app', './web/app'],
    ['$SET-$DIR', 'value-web'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['cost: $5 and $', 'cost: $5 and $'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:-fallback}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?must be set}', 'value'],
    ['${EMPTY?must be set}', ''],
    ['${UNSET:-${NESTED}}', 'inner'],
    ['${UNSET:-${ALSO_UNSET:-deep}}/x', 'deep/x'],
    ['${UNSET:-a}b${DIR}', 'abweb'],
  ])('%s → %s', (input, expected) => {
    expect(substitute(input, lookup).value).toBe(expected);
  });

  test('unset variables without a default are reported and become empty', () => {
    expect(substitute('${UNSET}/$OTHER/${UNSET}/${SET}', lookup)).toEqual({ value: '//' + '/value', unset: ['UNSET', 'OTHER'] });
    expect(substitute('${UNSET:-d}', lookup)).toEqual({ value: 'd', unset: [] });
  });

  test.each([
    ['${UNSET:?set it}', 'required variable UNSET is missing a value: set it'],
    ['${EMPTY:?}', 'required variable EMPTY is missing a value'],
    ['${UNSET?${DIR} needs it}', 'required variable UNSET is missing a value: web needs it'],
  ])('%s fails: %s', (input, message) => {
    expect(() => substitute(input, lookup)).toThrow(new InterpolationError(message));
  });

  test.each(['${}', '${SET', '${1X}', '${SET:x}', '${SET/a/b}'])('%s is an invalid template', (input) => {
    expect(() => substitute(input, lookup)).toThrow(/^invalid interpolation format: .*you may need to escape any \$ with another \$$/);
  });
});

describe('parseDotenv (Compose .env syntax)', () => {
  const env: Record<string, string> = { FROM_ENV: 'outside', PATH_PART: 'bin' };
  const envLookup = (k: string): string | undefined => env[k];

  test('keys, quotes, export, comments and interpolation', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=hello world   ',
      'export EXPORTED=yes',
      '  SPACED = padded',
      'COMMENTED=value # trailing comment',
      'HASH=a#b',
      "SINGLE='literal $PLAIN \\n'",
      'DOUBLE="line1\\nline2 \\"q\\" $PLAIN"',
      'ESCAPED="\\$PLAIN"',
      'REF=${PLAIN}-${PATH_PART}',
      'DEFAULTED=${NOPE:-dflt}',
      'YAMLISH: colon',
      'EMPTY=',
      'INHERITED_FROM_ENV',
      'FROM_ENV',
      'MULTI="a',
      'b"',
      'AFTER=1',
    ].join('\n');
    expect(Object.fromEntries(parseDotenv(text, envLookup))).toEqual({
      PLAIN: 'hello world',
      EXPORTED: 'yes',
      SPACED: 'padded',
      COMMENTED: 'value',
      HASH: 'a#b',
      SINGLE: 'literal $PLAIN \\n',
      DOUBLE: 'line1\nline2 "q" hello world',
      ESCAPED: '$PLAIN',
      REF: 'hello world-bin',
      DEFAULTED: 'dflt',
      YAMLISH: 'colon',
      EMPTY: '',
      FROM_ENV: 'outside',
      MULTI: 'a\nb',
      AFTER: '1',
    });
  });

  test('keys defined earlier in the file win over the environment inside the file', () => {
    expect(Object.fromEntries(parseDotenv('FROM_ENV=inside\nUSE=$FROM_ENV\n', envLookup))).toEqual({ FROM_ENV: 'inside', USE: 'inside' });
  });

  test('errors carry the line of the statement', () => {
    const cases: [string, number, RegExp][] = [
      ['A=1\n\nB="unterminated\nC=2\n', 3, /unterminated quoted value for B/],
      ['A=1\nBAD KEY=2\n', 2, /key cannot contain a space/],
      ['# c\nA!=1\n', 2, /unexpected character "!"/],
      ['A=1\nB=${A:?}\nC=${MISSING:?need it}\n', 3, /required variable MISSING is missing a value: need it/],
    ];
    for (const [text, line, message] of cases) {
      let err: unknown;
      try {
        parseDotenv(text, envLookup);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DotenvError);
      expect((err as DotenvError).line).toBe(line);
      expect((err as DotenvError).message).toMatch(message);
    }
  });
});
