// Writes docs/authorization.md from the authorization matrix (tests/authorization/matrix.ts).
import { writeFileSync } from 'node:fs';
import { AUTHORIZATION_DOC, authorizationDocument } from '../tests/authorization/matrix.ts';

writeFileSync(AUTHORIZATION_DOC, await authorizationDocument());
process.stdout.write(`wrote ${AUTHORIZATION_DOC}\n`);
