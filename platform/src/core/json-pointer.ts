/** RFC 6901 escaping of one reference token: `a/b~c` becomes `a~1b~0c`. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}
