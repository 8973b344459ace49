// Validates FHIR R4 resources (bundles) against the official R4 JSON schema
// with @asymmetrik/fhir-json-schema-validator, a tool nobody on unhunch
// wrote. Used by internal/fhir/fhirtest.
//
//   node validate.js FILE...   one JSON line per file, {"file", "errors"};
//                              exit status 1 if any file has an error
//   node validate.js --serve   the same for each file name read from stdin,
//                              one per line, until stdin closes (the schema
//                              is compiled once: about 3 s)
'use strict';
const fs = require('fs');
const readline = require('readline');
const Validator = require('@asymmetrik/fhir-json-schema-validator');

const validator = new Validator();

function check(file) {
  let errors;
  try {
    const resource = JSON.parse(fs.readFileSync(file, 'utf8'));
    errors = validator.validate(resource, true) || [];
    if (errors.length > 0) {
      // The schema's concise messages come from a validator compiled for
      // the resource's type; the library changes its schema to make one,
      // so a fresh validator makes them.
      errors = new Validator().validate(resource, false) || errors;
    }
  } catch (e) {
    errors = [String(e)];
  }
  return { file, errors };
}

if (process.argv[2] === '--serve') {
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line.trim() !== '') process.stdout.write(JSON.stringify(check(line.trim())) + '\n');
  });
} else {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const r = check(file);
    if (r.errors.length > 0) failed = true;
    process.stdout.write(JSON.stringify(r) + '\n');
  }
  process.exit(failed ? 1 : 0);
}
