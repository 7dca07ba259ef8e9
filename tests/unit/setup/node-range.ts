// A small reader of the npm range forms that package engines use (">=20.19", "^20.19.0 || >=22.12.0",
// "18 || 20 || >=22", "10.* || >= 12.*", "*"), so the engine check needs no undeclared dependency.
// A form it does not know throws: the check then fails loudly instead of passing by accident.

type Version = [number, number, number];
type Comparator = { op: '>=' | '<' | '>' | '<=' | '='; version: Version };

const WILD = /^(x|X|\*)$/;

function parseVersion(text: string): Version {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!match) throw new Error(`not a version: ${text}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

// "20" -> [20], "20.19.x" -> [20, 19]: the numbers given before any wildcard.
function parts(text: string, range: string): number[] {
  const out: number[] = [];
  for (const part of text.replace(/^v/, '').split('.')) {
    if (WILD.test(part)) break;
    if (!/^\d+$/.test(part)) throw new Error(`unsupported range: ${range}`);
    out.push(Number(part));
  }
  if (out.length > 3) throw new Error(`unsupported range: ${range}`);
  return out;
}

const full = (p: number[]): Version => [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
// The first version past a partial one: 20 -> 21.0.0, 20.19 -> 20.20.0.
const next = (p: number[]): Version => (p.length === 1 ? [p[0] + 1, 0, 0] : [p[0], p[1] + 1, 0]);

function comparators(token: string, range: string): Comparator[] {
  const match = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(token);
  const op = match?.[1] ?? '';
  const p = parts(match?.[2] ?? '', range);
  if (p.length === 0) return op === '<' || op === '>' ? [{ op: '<', version: [0, 0, 0] }] : [];
  const exact = p.length === 3;
  switch (op) {
    case '>=': return [{ op: '>=', version: full(p) }];
    case '>': return [exact ? { op: '>', version: full(p) } : { op: '>=', version: next(p) }];
    case '<': return [{ op: '<', version: full(p) }];
    case '<=': return [exact ? { op: '<=', version: full(p) } : { op: '<', version: next(p) }];
    case '^': {
      const [major, minor = 0, patch = 0] = p;
      const upper: Version = major > 0 || p.length === 1 ? [major + 1, 0, 0]
        : minor > 0 || p.length === 2 ? [0, minor + 1, 0] : [0, 0, patch + 1];
      return [{ op: '>=', version: full(p) }, { op: '<', version: upper }];
    }
    case '~': return [{ op: '>=', version: full(p) }, { op: '<', version: p.length === 1 ? next(p) : [p[0], p[1] + 1, 0] }];
    default: return exact ? [{ op: '=', version: full(p) }] : [{ op: '>=', version: full(p) }, { op: '<', version: next(p) }];
  }
}

function holds(version: Version, { op, version: bound }: Comparator): boolean {
  const c = compare(version, bound);
  return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : c === 0;
}

export function satisfiesNodeRange(versionText: string, range: string): boolean {
  const version = parseVersion(versionText);
  return range.split('||').some((set) => {
    const tokens = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    if (tokens.includes('-')) throw new Error(`unsupported range: ${range}`);
    return tokens.flatMap((token) => comparators(token, range)).every((c) => holds(version, c));
  });
}
