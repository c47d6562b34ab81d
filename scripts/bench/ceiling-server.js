// The ceiling for the mock benchmark: a bare node:http server that does no work but the transport's.
// It reads each request's body and writes back, byte for byte, the answer the simulator gave to the
// same route (status, headers, body), recorded once before the run and passed as a JSON file:
// `node scripts/bench/ceiling-server.js <answers.json> <port>`. What the simulator reaches of its
// requests/s is the share of the ceiling its own work leaves.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [answersFile, port] = process.argv.slice(2);
if (!answersFile || !port) {
  console.error('usage: node scripts/bench/ceiling-server.js <answers.json> <port>');
  process.exit(2);
}
/** @type {Record<string, { status: number, headers: Record<string, string>, body: string }>} method → answer, the body base64 */
const recorded = JSON.parse(readFileSync(answersFile, 'utf8'));
const answers = new Map(Object.entries(recorded).map(([method, { status, headers, body }]) => [method, { status, headers, body: Buffer.from(body, 'base64') }]));

createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const answer = answers.get(request.method ?? '');
    if (!answer) {
      response.writeHead(404, { 'content-length': '0' }).end();
      return;
    }
    response.writeHead(answer.status, answer.headers).end(answer.body);
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`ceiling server on http://127.0.0.1:${port}`));
