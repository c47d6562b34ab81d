// The client benchmark's server: node:http on 127.0.0.1 (a free port), keep-alive, answering each
// of the contract's operations with its success example, as little work per request as a server
// can do, so that the clients' own cost shows. Run as a child process (the clients get this
// process's core to themselves); prints its URL once it listens.
import { createServer } from 'node:http';
import { contractOperations } from '../lib/example-exchanges.js';

const answers = new Map(
  contractOperations().map(({ method, url, status, headers, answer }) => {
    const body = answer === undefined ? undefined : Buffer.from(JSON.stringify(answer));
    const contentHeaders = body ? { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length } : {};
    return [`${method.toUpperCase()} ${url}`, { status, headers: { ...headers, ...contentHeaders }, body }];
  }),
);
const notFound = Buffer.from(JSON.stringify({ message: 'Not Found' }));

const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  // Read the body to its end before answering, as a real server does.
  request.resume();
  request.on('end', () => {
    const answer = answers.get(`${request.method} ${(request.url ?? '').split('?')[0]}`);
    if (!answer) {
      response.writeHead(404, { 'content-type': 'application/json', 'content-length': notFound.length });
      return response.end(notFound);
    }
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
