// A check of a HAR log against the fields HAR 1.2 requires (http://www.softwareishard.com/blog/har-12-spec/):
// log (version, creator, entries), each entry (startedDateTime, time, request, response, cache,
// timings), request and response with their required fields, and timings whose sum is `time`.
// Returns the problems, each naming its field; [] for a valid log.
const isoDate = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

export function checkHar(har: any): string[] {
  const problems: string[] = [];
  const need = (value: unknown, type: 'string' | 'number' | 'object' | 'array', where: string) => {
    const ok = type === 'array' ? Array.isArray(value) : type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === type;
    if (!ok) problems.push(`${where}: must be a${type === 'array' || type === 'object' ? 'n' : ''} ${type}`);
    return ok;
  };
  const pairs = (list: unknown, where: string) => {
    if (!need(list, 'array', where)) return;
    (list as unknown[]).forEach((pair: any, index) => {
      need(pair?.name, 'string', `${where}[${index}].name`);
      need(pair?.value, 'string', `${where}[${index}].value`);
    });
  };
  if (!need(har?.log, 'object', 'log')) return problems;
  const { log } = har;
  if (log.version !== '1.2') problems.push('log.version: must be "1.2"');
  if (need(log.creator, 'object', 'log.creator')) {
    need(log.creator.name, 'string', 'log.creator.name');
    need(log.creator.version, 'string', 'log.creator.version');
  }
  if (!need(log.entries, 'array', 'log.entries')) return problems;
  log.entries.forEach((entry: any, index: number) => {
    const at = `log.entries[${index}]`;
    if (!(typeof entry.startedDateTime === 'string' && isoDate.test(entry.startedDateTime))) problems.push(`${at}.startedDateTime: must be an ISO 8601 date`);
    need(entry.time, 'number', `${at}.time`);
    need(entry.cache, 'object', `${at}.cache`);
    const { request, response, timings } = entry;
    if (need(request, 'object', `${at}.request`)) {
      need(request.method, 'string', `${at}.request.method`);
      if (need(request.url, 'string', `${at}.request.url`) && !/^https?:\/\//.test(request.url)) problems.push(`${at}.request.url: must be absolute`);
      need(request.httpVersion, 'string', `${at}.request.httpVersion`);
      need(request.cookies, 'array', `${at}.request.cookies`);
      pairs(request.headers, `${at}.request.headers`);
      pairs(request.queryString, `${at}.request.queryString`);
      need(request.headersSize, 'number', `${at}.request.headersSize`);
      need(request.bodySize, 'number', `${at}.request.bodySize`);
      if (request.postData !== undefined) {
        need(request.postData.mimeType, 'string', `${at}.request.postData.mimeType`);
        if (request.postData.text !== undefined && request.postData.params !== undefined) problems.push(`${at}.request.postData: text and params exclude each other`);
      }
    }
    if (need(response, 'object', `${at}.response`)) {
      need(response.status, 'number', `${at}.response.status`);
      need(response.statusText, 'string', `${at}.response.statusText`);
      need(response.httpVersion, 'string', `${at}.response.httpVersion`);
      need(response.cookies, 'array', `${at}.response.cookies`);
      pairs(response.headers, `${at}.response.headers`);
      if (need(response.content, 'object', `${at}.response.content`)) {
        need(response.content.size, 'number', `${at}.response.content.size`);
        need(response.content.mimeType, 'string', `${at}.response.content.mimeType`);
      }
      need(response.redirectURL, 'string', `${at}.response.redirectURL`);
      need(response.headersSize, 'number', `${at}.response.headersSize`);
      need(response.bodySize, 'number', `${at}.response.bodySize`);
    }
    if (need(timings, 'object', `${at}.timings`)) {
      for (const name of ['send', 'wait', 'receive']) need(timings[name], 'number', `${at}.timings.${name}`);
      const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'].reduce((total, name) => total + (typeof timings[name] === 'number' && timings[name] > 0 ? timings[name] : 0), 0);
      if (typeof entry.time === 'number' && Math.abs(sum - entry.time) > 0.001) problems.push(`${at}.time: must be the sum of the timings (${sum})`);
    }
    for (const key of Object.keys(entry))
      if (!['startedDateTime', 'time', 'request', 'response', 'cache', 'timings', 'serverIPAddress', 'connection', 'comment', 'pageref'].includes(key) && !key.startsWith('_'))
        problems.push(`${at}.${key}: is no HAR field (custom fields start with _)`);
  });
  return problems;
}
