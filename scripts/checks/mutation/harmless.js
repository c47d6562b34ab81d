// The mutants that survive the contract tests on purpose, by name, each with why no test should
// kill it: the change alters no verdict, no type and no promise to a client.
const parameterExample = "a parameter's example only illustrates it (the docs page, the example exchanges, which fall back to a value its schema accepts): no verdict, type or answer depends on it";

export const harmless = {
  'example-removed openapi/components/parameters/client-id.yaml#/example': parameterExample,
  'example-removed openapi/components/parameters/fingerprint.yaml#/example': parameterExample,
  'example-removed openapi/components/parameters/x-github-otp.yaml#/example': parameterExample,
};
