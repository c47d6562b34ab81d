// One valid payload per component schema of the contract: the hand-written one of
// scripts/lib/valid-payloads.ts (every optional field filled in) where there is one, otherwise
// the first instance of the schema in the contract's examples, or the schema's own `examples`. So a
// schema added to openapi/ with an example has its payload, unasked.
import { validPayloads as handWritten } from '../../scripts/lib/valid-payloads.js';
import { bundle } from './contract.js';
import { exampleInstances } from './instances.js';

const fromExamples = exampleInstances();

function derived(name: string): unknown {
  const [instance] = fromExamples.get(name) ?? [];
  if (instance !== undefined) return instance;
  const own = bundle.components.schemas[name]?.examples;
  return Array.isArray(own) && own.length > 0 ? own[0] : undefined;
}

/** Schema name → a valid payload; schemas with none (no hand-written payload, no example) are absent. */
export const validPayloads: Record<string, unknown> = Object.fromEntries(
  Object.keys(bundle.components.schemas)
    .map((name) => [name, Object.hasOwn(handWritten, name) ? handWritten[name] : derived(name)] as const)
    .filter(([, payload]) => payload !== undefined),
);

/** The hand-written payloads that name a schema the contract does not have (a renamed or removed one). */
export const strayHandWritten = Object.keys(handWritten).filter((name) => !Object.hasOwn(bundle.components.schemas, name));
