// Who may write what in a Sentence Annotator team database (docs/FORMAT.md §6). CouchDB runs
// this on every write, replication included; the page's own checks are no protection against
// a colleague with curl. The source of couchdb/design.json's `validate_doc_update`
// (tests/couch_validate.mjs checks they are the same). Kept to ES5: CouchDB 3's SpiderMonkey.
//
// - `ann:<annotator>:<doc id>`: only that annotator (userCtx.name; the name escaped in the id,
//   `%` as %25 and `:` as %3A) or a server admin, and the body must say the same annotator
//   and article;
// - `gold:<doc id>` and `article:<doc id>`: the `curator` role (the coordinator who imports
//   the articles and adjudicates) or a server admin;
// - anything else (design documents included): server admins only.
// Nobody, admins included, writes a body whose `type`, `doc` or `annotator` contradicts its id.
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  var admin = roles.indexOf('_admin') !== -1;
  var curator = admin || roles.indexOf('curator') !== -1;
  var id = newDoc._id || '';
  function deny(why) {
    throw ({ forbidden: why });
  }
  if (!userCtx.name && !admin) {
    throw ({ unauthorized: 'Log in to write to the team database.' });
  }
  if (id.indexOf('ann:') === 0) {
    var rest = id.slice(4);
    var colon = rest.indexOf(':');
    if (colon <= 0 || colon === rest.length - 1) {
      deny('Not an annotation document id: ' + id);
    }
    var owner = rest.slice(0, colon).replace(/%3A/g, ':').replace(/%25/g, '%');
    var article = rest.slice(colon + 1);
    if (!admin && userCtx.name !== owner) {
      deny('Only ' + owner + ' can write ' + id + '.');
    }
    if (newDoc._deleted) {
      return;
    }
    if (newDoc.type !== 'ann' || newDoc.annotator !== owner || newDoc.doc !== article) {
      deny('The body of ' + id + ' must have type "ann", annotator "' + owner + '" and doc "' + article + '".');
    }
    if (typeof newDoc.seg !== 'string' || typeof newDoc.s !== 'object' || newDoc.s === null) {
      deny(id + ' needs "seg" (a string) and "s" (an object).');
    }
    return;
  }
  var kind = id.indexOf('gold:') === 0 ? 'gold' : id.indexOf('article:') === 0 ? 'article' : null;
  if (kind) {
    var doc = id.slice(kind.length + 1);
    if (!curator) {
      deny('Only a curator can write ' + id + '.');
    }
    if (newDoc._deleted) {
      return;
    }
    if (!doc || newDoc.type !== kind || newDoc.doc !== doc || newDoc.annotator !== undefined) {
      deny('The body of ' + id + ' must have type "' + kind + '", doc "' + doc + '" and no annotator.');
    }
    if (kind === 'article' && typeof newDoc.text !== 'string') {
      deny(id + ' needs "text" (a string).');
    }
    if (kind === 'gold' && (typeof newDoc.seg !== 'string' || typeof newDoc.s !== 'object' || newDoc.s === null)) {
      deny(id + ' needs "seg" (a string) and "s" (an object).');
    }
    return;
  }
  if (!admin) {
    deny('Not a Sentence Annotator document: ' + id);
  }
}
