// Validates SARIF files against the official SARIF 2.1.0 JSON schema (draft-04), as shipped in
// the npm package @microsoft/jest-sarif, with the ajv it depends on.
//   node tests/validate_sarif.js NODE_PREFIX FILE...
'use strict';
const fs = require('fs');
const path = require('path');
const base = path.join(process.argv[2], 'node_modules', '@microsoft', 'jest-sarif');
const ajvDir = fs.existsSync(path.join(base, 'node_modules', 'ajv'))
    ? path.join(base, 'node_modules', 'ajv')
    : path.join(process.argv[2], 'node_modules', 'ajv');
const Ajv = require(ajvDir);
const schema = require(path.join(base, 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'));
const ajv = new Ajv({schemaId: 'id', allErrors: true});
ajv.addMetaSchema(require(path.join(ajvDir, 'lib', 'refs', 'json-schema-draft-04.json')));
const validate = ajv.compile(schema);
let failed = false;
for (const file of process.argv.slice(3)) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(doc)) {
    console.log(`${file}: valid SARIF 2.1.0`);
  } else {
    failed = true;
    console.error(`${file}: invalid SARIF:\n${JSON.stringify(validate.errors, null, 2)}`);
  }
}
process.exit(failed ? 1 : 0);
