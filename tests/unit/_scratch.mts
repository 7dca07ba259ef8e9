import { connectDatabase } from '/work/main/platform/src/core/database.ts';
const db = connectDatabase({});
console.log((await db.raw(`select lower('ÄÉ Abc') as l, 'a?b' ~ '[\\u003f]' as q, '+5'::bigint as b, current_setting('lc_ctype') as ct, version() v`)).rows);
console.log((await db.raw(`select ? = ANY(?) as x`, ['a', ['a','b']])).rows);
console.log((await db.raw(`select regexp_replace('a\\b]c[d^e-f', '[\\\\\\]\\[\\^\\-]', '', 'g') as r`)).rows);
await db.destroy();
