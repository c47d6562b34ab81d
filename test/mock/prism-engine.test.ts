// Prism loads with a stand-in for faker (scripts/mock/prism-engine.js): the real one is loaded only
// when a dynamic example asks for it, and then it is the real one that answers.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { expect, it } from 'vitest';
import '../../scripts/mock/prism-engine.js';

const require = createRequire(import.meta.url);
const fakerPath = require.resolve('@faker-js/faker', { paths: [dirname(require.resolve('@stoplight/prism-http'))] });
const { JSONSchemaFaker } = require('json-schema-faker');

it('loads faker only when a dynamic example reads it, and then gives its values', () => {
  expect(Object.keys(require.cache[fakerPath]?.exports ?? {})).toEqual(['default', 'faker']);
  const email = JSONSchemaFaker.generate({ type: 'string', faker: 'internet.email' });
  expect(email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
  expect(require.cache[fakerPath]?.exports).toHaveProperty('Faker');
});
