import { describe, expect, it } from 'vitest';
import { cloudToCsv, parseCloudCsv } from './csv.ts';
import type { CloudData } from './types.ts';

function ok(text: string): CloudData {
  const r = parseCloudCsv(text);
  if (!r.ok) throw new Error(r.error);
  return r.cloud;
}
function fails(text: string): string {
  const r = parseCloudCsv(text);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}
const arr = (a: ArrayLike<number> | null) => (a ? Array.from(a) : null);

describe('parseCloudCsv: good input', () => {
  it('reads x, y without a header', () => {
    const c = ok('0,1\n2.5,-3\n1e-3,4E2\n');
    expect(arr(c.points)).toEqual([0, 1, 2.5, -3, 0.001, 400]);
    expect(c.weights).toBeNull();
    expect(c.labels).toBeNull();
  });

  it('reads weights and labels by position, and by header name in any order', () => {
    const a = ok('0,0,2,1\n1,1,1,0');
    expect(arr(a.weights)).toEqual([2, 1]);
    expect(arr(a.labels)).toEqual([1, 0]);
    const b = ok('label,Y,x,mass\n3,10,20,0.5\n4,11,21,0.25\n');
    expect(arr(b.points)).toEqual([20, 10, 21, 11]);
    expect(arr(b.weights)).toEqual([0.5, 0.25]);
    expect(arr(b.labels)).toEqual([3, 4]);
  });

  it('accepts tabs, spaces, semicolons with decimal commas, quotes, CRLF, a BOM, comments and blank lines', () => {
    expect(arr(ok('1\t2\n3\t4').points)).toEqual([1, 2, 3, 4]);
    expect(arr(ok('  1   2 \n 3 4').points)).toEqual([1, 2, 3, 4]);
    expect(arr(ok('x;y\n1,5;2,25\n-0,5;3').points)).toEqual([1.5, 2.25, -0.5, 3]);
    expect(arr(ok('"x","y"\r\n"1","2"\r\n').points)).toEqual([1, 2]);
    expect(arr(ok('\uFEFFx,y\n# a comment\n\n1,2\n\n').points)).toEqual([1, 2]);
  });

  it('ignores a leading byte-order mark before a header or before the first number', () => {
    const named = ok('\uFEFFweight,y,x\n2,1,3\n1,4,5');
    expect(arr(named.points)).toEqual([3, 1, 5, 4]);
    expect(arr(named.weights)).toEqual([2, 1]);
    expect(arr(ok('\uFEFF1;2\n3;4').points)).toEqual([1, 2, 3, 4]);
    expect(arr(ok('\uFEFF"label","x","y"\r\n3,1,2').labels)).toEqual([3]);
  });

  it('a header with unknown names means positional columns', () => {
    expect(arr(ok('a,b\n1,2').points)).toEqual([1, 2]);
  });

  it('round-trips what cloudToCsv writes', () => {
    const cloud: CloudData = {
      points: Float64Array.of(0.1, -2, Math.PI, 1e-9),
      weights: Float64Array.of(1, 3),
      labels: Int32Array.of(0, 7),
    };
    const text = cloudToCsv(cloud);
    expect(text.split('\n')[0]).toBe('x,y,weight,label');
    const back = ok(text);
    expect(arr(back.points)).toEqual(arr(cloud.points));
    expect(arr(back.weights)).toEqual([1, 3]);
    expect(arr(back.labels)).toEqual([0, 7]);
  });
});

describe('parseCloudCsv: bad input names the line of the first bad row', () => {
  it.each([
    ['x,y\n1,2\n3,abc\n4,oops', 'line 3: y is not a number ("abc")'],
    ['1,2\n\n# c\nfoo,2', 'line 4: x is not a number ("foo")'],
    ['1,2\n3', 'line 2: needs an x and a y value'],
    ['1,2,1\n3,4', 'line 2: is missing its weight'],
    ['1,2\n3,4,1', 'line 2: has a weight but earlier rows do not'],
    ['1,2,1,0\n3,4,1', 'line 2: is missing its label'],
    ['1,2,-1', 'line 1: weight must be a number >= 0 ("-1")'],
    ['x,y,w,label\n1,2,1,0.5', 'line 2: label must be a whole number from 0 to 1000000 ("0.5")'],
    ['1,2\n1e13,0', 'line 2: x must be within ±1000000000000'],
    ['1,2\nInfinity,0', 'line 2: x is not a number ("Infinity")'],
    ['1,2,0\n3,4,0', 'the weights are all zero'],
    ['x,y\n\n', 'no points found (expected lines of x, y)'],
    ['', 'no points found (expected lines of x, y)'],
  ])('%j', (text, message) => {
    expect(fails(text)).toBe(message);
  });

  it('refuses more points than a cloud may hold, naming the line', () => {
    const text = Array.from({ length: 20_001 }, (_, i) => `${i},0`).join('\n');
    expect(fails(text)).toBe('line 20001: more than 20000 points');
  });

  it('clips a long bad value in the message', () => {
    expect(fails(`1,2\n1,${'z'.repeat(100)}`)).toBe(`line 2: y is not a number ("${'z'.repeat(24)}…")`);
  });
});
