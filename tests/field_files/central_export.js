// ODK Central's own CSV export code (lib/data/briefcase.js) run on the project's form and the
// field-file submissions: `node central_export.js CENTRAL_BACKEND FORM.xml SUBMISSIONS.json OUT.zip`.
// CENTRAL_BACKEND is a checkout of github:getodk/central-backend with htmlparser2, ramda,
// csv-stringify, csv-parse, entities, sanitize-filename, archiver and cloneable-readable
// installed beside it (tests/field_files/build_exports.py says how). The harness (fields as
// Central's MockField, submissions as its database rows) follows central-backend's own
// test/unit/data/briefcase.js.
const { createWriteStream, readFileSync } = require('node:fs');
const { Readable } = require('node:stream');
const path = require('node:path');

const [backend, formPath, submissionsPath, outPath] = process.argv.slice(2);
const { getFormFields } = require(path.join(backend, 'lib/data/schema'));
const { streamBriefcaseCsvs } = require(path.join(backend, 'lib/data/briefcase'));
const { zipStreamFromParts } = require(path.join(backend, 'lib/util/zip'));

class MockField {
  constructor(data) { Object.assign(this, data); }
  with(other) { return new MockField(Object.assign({}, this, other)); }
  isStructural() { return (this.type === 'structure') || (this.type === 'repeat'); }
}

const row = (s) => ({
  instanceId: s.instanceId,
  createdAt: new Date(s.createdAt),
  reviewState: s.reviewState,
  deviceId: s.deviceId,
  def: {},
  xml: s.xml,
  aux: { attachment: { present: 0, expected: 0 }, encryption: {}, edit: { count: 0 },
    exports: { formVersion: s.formVersion }, submitter: s.submitter },
});

const submissions = JSON.parse(readFileSync(submissionsPath, 'utf8')).map(row);
getFormFields(readFileSync(formPath, 'utf8')).then((fields) => {
  const formId = 'bangkit_pemantauan_desa';
  const zip = zipStreamFromParts(streamBriefcaseCsvs(Readable.from(submissions),
    fields.map((f) => new MockField(f)), formId));
  zip.pipe(createWriteStream(outPath));
});
