// Finds the operation a request is for, or says why there is none: an unknown path (404), a known
// path with another method (405), or a path whose parameter is not what the contract allows (404,
// as on the real server: /authorizations/abc names no authorization).
import { coerce, describeErrors } from './parameter-values.js';

/**
 * @returns {{ route, pathParams } | { allow: string[] } | { notFound: string }}
 * `notFound` is a reason to show the caller, or '' when the path is simply unknown.
 */
export function matchRoute(routes, method, path) {
  const segments = path.split('/').slice(1);
  const matches = [];
  let reason = '';
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    const pathParams = {};
    let fits = true;
    for (const [index, expected] of route.segments.entries()) {
      const actual = segments[index];
      if (typeof expected === 'object') {
        if (actual !== expected.literal) fits = false;
      } else {
        const problem = checkPathParameter(route, expected, actual, pathParams);
        if (problem) {
          fits = false;
          reason ||= problem;
        }
      }
      if (!fits) break;
    }
    if (fits) matches.push({ route, pathParams });
  }
  const lookup = method === 'head' ? 'get' : method;
  const match = matches.find(({ route }) => route.method === lookup);
  if (match) return match;
  if (matches.length > 0) return { allow: allowedMethods(matches.map(({ route }) => route.method)) };
  return { notFound: reason };
}

/** The Allow header's methods for a path that serves `methods`. */
export function allowedMethods(methods) {
  const allow = methods.map((m) => m.toUpperCase());
  if (allow.includes('GET')) allow.push('HEAD');
  return [...allow, 'OPTIONS'];
}

/** Checks one path segment against its parameter; stores the value; returns a problem or ''. */
function checkPathParameter(route, name, raw, into) {
  let text;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return `${name} is not valid percent-encoded UTF-8`;
  }
  const parameter = route.pathParameters.find((p) => p.name === name);
  const value = coerce(parameter, text);
  if (!parameter.validate(value)) return `${name} ${JSON.stringify(text)} ${describeErrors(parameter.validate.errors)}`;
  into[name] = value;
  return '';
}
