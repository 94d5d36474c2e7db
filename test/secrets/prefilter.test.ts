// The combined anchor pre-filter (detectors.ts): lookahead-only anchors on one character share
// their leading character class, and the result must still stop exactly where each detector's
// own anchor would. Token values are assembled at run time (no whole token in the source).
import { describe, expect, it } from 'vitest';
import { ANCHORS, DETECTORS, findTriggers, leadingClass, literalAnchorAt } from '../../src/analyzers/secrets/detectors.js';
import { suffixCovers } from '../helpers/regex-automaton.js';

const stops = (text: string): number[] => {
  ANCHORS.lastIndex = 0;
  const out: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = ANCHORS.exec(text)) !== null) out.push(m.index);
  return out;
};
const detectorOf = (rule: string): number => DETECTORS.findIndex((d) => d.rule === rule);

describe('leadingClass', () => {
  it('splits a leading class with its counted quantifier from the rest', () => {
    expect(leadingClass('[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27}')).toEqual({ head: '[A-Za-z0-9_-]{6}', rest: '\\.[A-Za-z0-9_-]{27}' });
    expect(leadingClass('[0-9a-f]{64}')).toEqual({ head: '[0-9a-f]{64}', rest: '' });
    expect(leadingClass('[\\]x]{2}y')).toEqual({ head: '[\\]x]{2}', rest: 'y' });
  });
  it('does not split what a shared prefix would change', () => {
    expect(leadingClass('[a-z]x|y')).toBeNull(); // alternation at the top: the class is not a prefix of "y"
    expect(leadingClass('[a-z]+x')).toBeNull();
    expect(leadingClass('[a-z]{2}?x')).toBeNull();
    expect(leadingClass('[^a]x')).toBeNull();
    expect(leadingClass('abc')).toBeNull();
  });
});

describe('the shared lookahead on "."', () => {
  const hex = '0123456789abcdef'.repeat(4);
  const body = 'Ab3dEf5hIj7lMn9p';
  const discord = `${'MTIzNDU2Nzg5MDEyMzQ1Njc4'}.${'GhIjKl'}.${body}${body.slice(0, 11)}`;
  const airtable = `pat${body.slice(0, 14)}.${hex}`;

  it('stops at the dot of a Discord bot token and of an Airtable token, and they trigger their detectors', () => {
    const d = discord.indexOf('.');
    expect(stops(`x ${discord} y`)).toContain(d + 2);
    const a = airtable.indexOf('.');
    expect(stops(`x ${airtable} y`)).toContain(a + 2);
    expect(findTriggers(`x ${discord} y`)!.first[detectorOf('secret/discord-token')]).toBe(d + 2);
    expect(findTriggers(`x ${airtable} y`)!.first[detectorOf('secret/airtable-token')]).toBe(a + 2);
  });

  it('does not stop at member access, short hex, or 63 hex', () => {
    expect(stops('user.profile.name; a.0123456789abcdef;')).toEqual([]);
    expect(stops(`x.${hex.slice(0, 63)} `)).toEqual([]);
    expect(stops(`x.${hex}`)).toEqual([1]);
  });

  it('finds a Terraform Cloud token by its literal, not by an anchor on every dot', () => {
    const tf = `${body.slice(0, 14)}.atlasv1.${(body + body + body + body).slice(0, 64)}`;
    const t = findTriggers(`token = "${tf}"`);
    expect(t!.first[detectorOf('secret/terraform-token')]).toBe(9 + 14);
    expect(DETECTORS[detectorOf('secret/terraform-token')]!.anchors).toEqual([]);
  });
});

describe('literal triggers', () => {
  const detectorWith = (literal: string): number => DETECTORS.findIndex((d) => d.literals?.includes(literal));

  it('go through the pre-filter regex when they hold an anchor character, else through indexOf', () => {
    // The last character that some detector already anchors on: no new stopping points.
    expect(literalAnchorAt('.atlasv1.')).toBe(8);
    expect(literalAnchorAt('AKCp')).toBe(1);
    expect(literalAnchorAt('ATATT3')).toBe(2);
    expect(literalAnchorAt('ATBB')).toBe(0);
    expect(literalAnchorAt('GR1348')).toBe(-1);
    expect(literalAnchorAt('cmVmdG')).toBe(-1);
  });

  it('trigger their detector at the start of the first occurrence, however they are found', () => {
    for (const literal of ['.atlasv1.', 'AKCp', 'ATATT3', 'ATBB', 'GR1348', 'cmVmdG']) {
      const d = detectorWith(literal);
      expect(d, literal).toBeGreaterThanOrEqual(0);
      const text = `x = 1; ${literal}; y = "${literal}"`;
      expect(findTriggers(text)?.first[d], literal).toBe(7);
      expect(findTriggers(`no literal here: ${literal.slice(0, -1)} ${literal.slice(1)}`)?.first[d] ?? -1, literal).toBe(-1);
    }
  });

  it('the start is that of the first occurrence, also when occurrences overlap', () => {
    // ".atlasv1." is found at its second dot, which here is also the first dot of the next one.
    const d = detectorWith('.atlasv1.');
    expect(findTriggers('a.atlasv1.atlasv1. .atlasv1.')?.first[d]).toBe(1);
  });
});

describe('subsumed anchors (left out of the combined regex)', () => {
  const lookbehindOnly = DETECTORS.flatMap((d) => d.anchors.map((a) => ({ ...a, rule: d.rule }))).filter((a) => a.before && !a.after);
  const others = (a: (typeof lookbehindOnly)[number]) => lookbehindOnly.filter((b) => b !== a && b.at === a.at && !b.subsumed);
  const covers = (a: (typeof lookbehindOnly)[number], b: (typeof lookbehindOnly)[number]): boolean => {
    try {
      return suffixCovers(a.before!, b.before!);
    } catch {
      return false; // b is not exact (lookarounds, long counted repeats): it proves nothing
    }
  };

  it('are only lookbehind-only anchors', () => {
    for (const d of DETECTORS) for (const a of d.anchors) if (a.subsumed) expect(a.before !== undefined && a.after === undefined, `${d.rule} ${a.at}`).toBe(true);
  });

  it('each is implied by another anchor on its character that the regex keeps', () => {
    const subsumed = lookbehindOnly.filter((a) => a.subsumed);
    expect(subsumed.length).toBeGreaterThan(0);
    for (const a of subsumed) expect(others(a).some((b) => covers(a, b)), `${a.rule} ${a.at} ${a.before}`).toBe(true);
  });

  it('no kept anchor is implied by another kept one (mark it subsumed)', () => {
    for (const a of lookbehindOnly.filter((x) => !x.subsumed)) {
      const by = others(a).filter((b) => covers(a, b));
      expect(by.map((b) => `${b.rule} ${b.before}`), `${a.rule} ${a.at} ${a.before}`).toEqual([]);
    }
  });

  it('the combined regex still stops where a subsumed anchor holds, and its detector is triggered', () => {
    const azure = DETECTORS.findIndex((d) => d.rule === 'secret/azure-storage-key');
    const text = 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc';
    const at = text.indexOf('AccountKey=') + 'AccountKey'.length;
    expect(stops(text)).toContain(at);
    expect(findTriggers(text)?.first[azure]).toBe(at);
  });
});

describe('suffixCovers (the proof used above)', () => {
  it('holds where every match ends with a match of the other', () => {
    expect(suffixCovers('AccountKey', '[Kk][Ee][Yy]')).toBe(true);
    expect(suffixCovers('(?<![a-z])secret', '[Ss]ecret')).toBe(true);
    expect(suffixCovers('[?&]pwd[ \\t]*', '(?:pwd|key)["\']?[ \\t]*')).toBe(true);
    expect(suffixCovers('a|b', 'a|b')).toBe(true);
  });
  it('fails where some match does not', () => {
    expect(suffixCovers('AccountKey', 'key')).toBe(false); // case
    expect(suffixCovers('sk-ant', 'sk')).toBe(false); // ends in t
    expect(suffixCovers('sk', 'sk-ant')).toBe(false);
    expect(suffixCovers('xox[abposre]|xapp', 'xox[abposre]')).toBe(false); // xapp
    expect(suffixCovers('[0-9]{3}', '[0-9]{4}')).toBe(false);
    expect(suffixCovers('[0-9]{4}', '[0-9]{3}')).toBe(true);
    expect(suffixCovers('pwd[ \\t]*', 'pwd[ \\t]')).toBe(false); // zero spaces
  });
  it('refuses to prove with a regex it cannot model exactly', () => {
    expect(() => suffixCovers('x', '(?<!a)x')).toThrow();
    expect(() => suffixCovers('x', 'y[0-9]{0,256}')).toThrow();
  });
});

describe('runs of one character', () => {
  const twitter = DETECTORS.findIndex((d) => d.rule === 'secret/twitter-token');

  it('a run of "A"s (base64 of zero bytes) stops the regex nowhere; the Twitter anchor is the last "A" of a 20–24 run', () => {
    // Anchored on the 20th "A", every "A" of a long run was a stop (see CHANGELOG: 140x slower).
    expect(stops(`x ${'A'.repeat(5000)}= y`)).toEqual([]);
    expect(stops(`"${'A'.repeat(22)}%2Bq"`)).toEqual([22]);
    expect(findTriggers(`"${'A'.repeat(22)}%2Bq"`)?.first[twitter]).toBe(22);
    expect(stops(`"${'A'.repeat(19)}%2Bq"`)).toEqual([]);
    expect(stops(`"${'A'.repeat(25)}%2Bq"`)).toEqual([]);
  });

  it('the URL password anchor stops at "@" after "://" and a user:password run, whatever colons it holds', () => {
    const url = 'postgres://app:pw:with:colons@db';
    expect(stops(url)).toEqual([url.indexOf('@')]);
    expect(stops('a:a:a:a:a@b')).toEqual([]); // no "://"
    expect(stops(`x://${'a'.repeat(514)}@h`)).toEqual([]); // longer than user:password can be
  });
});
