// The design document's validate_doc_update (couchdb/design.json), run with node against a
// table of writers and documents: the rules of docs/FORMAT.md §6 without a server (the
// end-to-end test tests/e2e/test_couch_server.py checks them in PouchDB Server too). Also
// checks that design.json holds the function of couchdb/validate_doc_update.js, its source.
// Run by `make test-native`: node tests/couch_validate.mjs
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const root = new URL('../couchdb/', import.meta.url);
const design = JSON.parse(readFileSync(new URL('design.json', root), 'utf8'));
const source = readFileSync(new URL('validate_doc_update.js', root), 'utf8');
assert.equal(design._id, '_design/sentence-annotator');
assert.equal(design.validate_doc_update, source.slice(source.indexOf('function (')).trimEnd(),
  'couchdb/design.json is out of date: rebuild it from couchdb/validate_doc_update.js');
const validate = new Function(`return (${design.validate_doc_update});`)();

const who = {
  maria: { name: 'maria', roles: [] },
  colon: { name: 'a:b', roles: [] },
  cora: { name: 'cora', roles: ['curator'] },
  admin: { name: 'admin', roles: ['_admin'] },
  party: { name: null, roles: ['_admin'] },
  nobody: { name: null, roles: [] },
};
const ann = (a, d, extra = {}) => ({ _id: `ann:${a.replace(/%/g, '%25').replace(/:/g, '%3A')}:${d}`, type: 'ann', annotator: a, doc: d, seg: 'sa-rules@2', s: {}, ...extra });
const gold = (d, extra = {}) => ({ _id: `gold:${d}`, type: 'gold', doc: d, seg: 'sa-rules@2', s: {}, ...extra });
const article = (d, extra = {}) => ({ _id: `article:${d}`, type: 'article', doc: d, text: 'One. Two.', ...extra });
const del = (id) => ({ _id: id, _rev: '1-a', _deleted: true });

// [writer, document, expected: 'ok' | 'forbidden' | 'unauthorized']
const cases = [
  ['maria', ann('maria', 'd1'), 'ok'],
  ['maria', ann('ben', 'd1'), 'forbidden'],
  ['maria', { ...ann('maria', 'd1'), annotator: 'ben' }, 'forbidden'],
  ['maria', { ...ann('maria', 'd1'), doc: 'd2' }, 'forbidden'],
  ['maria', { ...ann('maria', 'd1'), type: 'gold' }, 'forbidden'],
  ['maria', { ...ann('maria', 'd1'), s: null }, 'forbidden'],
  ['maria', { ...ann('maria', 'd1'), seg: 2 }, 'forbidden'],
  ['maria', ann('maria', 'a:b:c'), 'ok'],
  ['maria', { _id: 'ann:maria:', type: 'ann', annotator: 'maria', doc: '' }, 'forbidden'],
  ['maria', { _id: 'ann:maria', type: 'ann', annotator: 'maria', doc: '' }, 'forbidden'],
  ['colon', ann('a:b', 'd1'), 'ok'],
  ['colon', { ...ann('a:b', 'd1'), _id: 'ann:a:b:d1' }, 'forbidden'],
  ['maria', gold('d1'), 'forbidden'],
  ['maria', article('d1'), 'forbidden'],
  ['maria', del('ann:maria:d1'), 'ok'],
  ['maria', del('ann:ben:d1'), 'forbidden'],
  ['maria', del('gold:d1'), 'forbidden'],
  ['maria', { _id: 'misc', x: 1 }, 'forbidden'],
  ['maria', { _id: '_design/x' }, 'forbidden'],
  ['cora', gold('d1'), 'ok'],
  ['cora', article('d1'), 'ok'],
  ['cora', del('article:d1'), 'ok'],
  ['cora', { ...gold('d1'), doc: 'd2' }, 'forbidden'],
  ['cora', { ...gold('d1'), annotator: 'cora' }, 'forbidden'],
  ['cora', { ...article('d1'), text: undefined }, 'forbidden'],
  ['cora', { ...article('d1'), type: 'gold' }, 'forbidden'],
  ['cora', { ...gold('d1'), s: 'x' }, 'forbidden'],
  ['cora', ann('maria', 'd1'), 'forbidden'],
  ['cora', ann('cora', 'd1'), 'ok'],
  ['admin', ann('maria', 'd1'), 'ok'],
  ['admin', { ...ann('maria', 'd1'), annotator: 'ben' }, 'forbidden'],
  ['admin', gold('d1'), 'ok'],
  ['admin', { _id: 'misc', x: 1 }, 'ok'],
  ['party', ann('maria', 'd1'), 'ok'],
  ['party', gold('d1'), 'ok'],
  ['nobody', ann('maria', 'd1'), 'unauthorized'],
  ['nobody', gold('d1'), 'unauthorized'],
];

let failed = 0;
for (const [writer, doc, want] of cases) {
  let got = 'ok';
  try {
    validate(doc, null, who[writer], {});
  } catch (e) {
    got = e.forbidden ? 'forbidden' : e.unauthorized ? 'unauthorized' : `threw ${e}`;
    assert.equal(typeof (e.forbidden || e.unauthorized), 'string', 'a reason in words');
  }
  if (got !== want) {
    failed += 1;
    console.error(`${writer} writing ${JSON.stringify(doc)}: ${got}, expected ${want}`);
  }
}
if (failed) {
  console.error(`couch_validate: ${failed} of ${cases.length} cases failed`);
  process.exit(1);
}
console.log(`couch_validate: ${cases.length} cases pass`);
