// Compares two bundled contracts: loads and checks both, normalizes them, lets Redocly's diff
// rules judge every change, and classifies the result per operation, adding the example payload
// changes that Redocly does not look at.
import { exampleChanges } from './example-changes.js';
import { loadContract } from './load-contract.js';
import { normalize } from './normalize.js';
import { redoclyDiff } from './redocly-diff.js';
import { classify } from './report.js';

/** `{ old, new, breaking, nonBreaking }` for the contracts at two paths; throws InputError on bad input. */
export async function diffContracts(oldPath, newPath) {
  const [base, revision] = await Promise.all([oldPath, newPath].map(async (path) => normalize(await loadContract(path), path)));
  const { breaking, nonBreaking } = classify(await redoclyDiff(base, revision), base, revision);
  return { old: oldPath, new: newPath, breaking, nonBreaking: [...nonBreaking, ...exampleChanges(base, revision)] };
}
