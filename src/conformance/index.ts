// ghes-oauth-authorizations/conformance: the conformance kit as functions. runConformance() runs the
// scenario table against a target and the simulator and compares them; the recording helpers scrub
// and convert what the proxy records; importRecording() makes a data set of a recording;
// replayTransport() makes a recording the kit's target. The bin's `conformance` command wraps them.
export { runConformance, transportFor, budgetOf, planOf, isKits } from './run.js';
export type { ConformanceOptions, ConformanceReport, Transport } from './run.js';
export type { CheckResult, Observed } from './compare.js';
export { scenarios, notePrefix, kitFingerprint, checkNames } from './scenarios.js';
export type { Step, StepRequest, CheckName } from './scenarios.js';
export { jsonReport, junitReport } from './reports.js';
export { createRecording, checkRecording, scrubExchange, scrubBody, scrubHeaders, scrubToken, toHar, recordingFormat } from './recording.js';
export type { RawExchange, RecordedExchange, Recording } from './recording.js';
export { importRecording } from './import.js';
export { replayTransport } from './replay.js';
