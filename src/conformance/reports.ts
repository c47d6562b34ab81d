// The conformance report as files: JSON (the report itself) and JUnit XML (one test case per check,
// for a CI's test view). Both are built from the report alone, which holds no secret (see run.ts).
import type { ConformanceReport } from './run.js';

export function jsonReport(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function junitReport(report: ConformanceReport): string {
  const failures = report.checks.filter((check) => check.outcome === 'fail').length + (report.error ? 1 : 0);
  const skipped = report.checks.filter((check) => check.outcome === 'skip').length;
  const cases = report.checks.map((check) => {
    const open = `    <testcase classname="conformance.${xml(check.step)}" name="${xml(`${check.step} ${check.check}`)}"`;
    if (check.outcome === 'pass') return `${open}/>`;
    if (check.outcome === 'skip') return `${open}>\n      <skipped message="${xml(check.detail ?? '')}"/>\n    </testcase>`;
    return `${open}>\n      <failure message="${xml(check.detail ?? '')}"/>\n    </testcase>`;
  });
  if (report.error) cases.push(`    <testcase classname="conformance.run" name="run">\n      <failure message="${xml(report.error)}"/>\n    </testcase>`);
  cases.push(
    `    <testcase classname="conformance.cleanup" name="clean-up"${report.cleanup.notDeleted.length === 0 ? '/>' : `>\n      <failure message="${xml(`not deleted: ${report.cleanup.notDeleted.join(', ')}`)}"/>\n    </testcase>`}`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ghes-oauth-authorizations conformance" tests="${cases.length}" failures="${failures + (report.cleanup.notDeleted.length > 0 ? 1 : 0)}" skipped="${skipped}">`,
    `  <testsuite name="${xml(`${report.target} (run ${report.runId})`)}" tests="${cases.length}" failures="${failures + (report.cleanup.notDeleted.length > 0 ? 1 : 0)}" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

const xml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
