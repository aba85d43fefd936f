// Parsing of typed coordinates. Accepts decimal points or decimal commas ("50,0875"),
// a degree sign, N/S/E/W letters, and both values pasted into one field
// ("50.0875, 14.4213", "50,0875 14,4213", "50.0875;14.4213").

export type FieldName = 'lat' | 'lon';
export type FieldProblem = 'required' | 'number' | 'range';

export interface ParseOutcome {
  lat?: number;
  lon?: number;
  errors: Partial<Record<FieldName, FieldProblem>>;
}

const NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

/** Parses one number; returns NaN when the text is not a plain decimal number. */
export function parseNumber(text: string): number {
  let s = text.trim().replace(/[\u2212\u2013]/g, '-').replace(/\s*°\s*/g, '');
  let sign = 1;
  const hemisphere = /^([NSEWnsew])\s*(.+)$|^(.+?)\s*([NSEWnsew])$/.exec(s);
  if (hemisphere) {
    const letter = (hemisphere[1] ?? hemisphere[4] ?? '').toUpperCase();
    s = (hemisphere[2] ?? hemisphere[3] ?? '').trim();
    if (letter === 'S' || letter === 'W') sign = -1;
  }
  if (!NUMBER.test(s)) return Number.NaN;
  return sign * Number(s.replace(',', '.'));
}

/** Splits "a, b" / "a;b" / "a b" / "a,b" (both with decimal points) into two parts, else null. */
export function splitPair(text: string): [string, string] | null {
  const s = text.trim();
  const candidates: RegExp[] = [
    /^(.+?)\s*;\s*(.+)$/, // "50,0875; 14,4213"
    /^(.+?),\s+(.+)$/, // "50.0875, 14.4213" or "50,0875, 14,4213"
    /^(\S+)\s+(\S+)$/, // "50,0875 14,4213"
    /^([^,]*\.[^,]*),([^,]*\.[^,]*)$/, // "50.0875,14.4213"
    /^([+-]?\d+,\d+),([+-]?\d+,\d+)$/, // "50,0875,14,4213"
  ];
  for (const re of candidates) {
    const m = re.exec(s);
    if (m && m[1] && m[2] && !Number.isNaN(parseNumber(m[1])) && !Number.isNaN(parseNumber(m[2]))) {
      return [m[1].trim(), m[2].trim()];
    }
  }
  return null;
}

function check(text: string, field: FieldName, limit: number, out: ParseOutcome): void {
  if (text.trim() === '') {
    out.errors[field] = 'required';
    return;
  }
  const value = parseNumber(text);
  if (Number.isNaN(value)) out.errors[field] = 'number';
  else if (Math.abs(value) > limit) out.errors[field] = 'range';
  else out[field] = value;
}

/**
 * Validates the two form fields. When one field holds a pair and the other is empty, the pair
 * is used (latitude first, as people copy it from map apps).
 */
export function parseCoordinates(latText: string, lonText: string): ParseOutcome & { split?: [string, string] } {
  let latIn = latText;
  let lonIn = lonText;
  let split: [string, string] | undefined;
  const lonEmpty = lonIn.trim() === '';
  const latEmpty = latIn.trim() === '';
  if (lonEmpty !== latEmpty) {
    const pair = splitPair(lonEmpty ? latIn : lonIn);
    if (pair) {
      [latIn, lonIn] = pair;
      split = pair;
    }
  }
  const out: ParseOutcome & { split?: [string, string] } = { errors: {} };
  check(latIn, 'lat', 90, out);
  check(lonIn, 'lon', 180, out);
  if (split) out.split = split;
  return out;
}
