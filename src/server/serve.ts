// Starting and stopping, shared by `npm start`, the bin and `npm run proxy`: listening, a one-line
// error instead of a stack trace when that fails, and a clean exit 0 on Ctrl-C or SIGTERM once the
// server and every process started on the way have stopped.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens; resolves with the base URL, or rejects with a one-line error naming the port. */
export function listen(server: Server, { host, port }: { host: string; port: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') reject(new Error(`Port ${port} is already in use on ${host}: stop what is using it, or choose another port with PORT=${port + 1}`));
      else if (error.code === 'EACCES') reject(new Error(`Port ${port} on ${host} needs privileges: choose a port above 1023 with PORT`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new Error(`HOST ${host} is not an address of this machine (listening on ${where} failed)`));
      else reject(new Error(`Cannot listen on ${where}: ${error.message}`));
    });
    server.listen(port, host, () => {
      const { address, port: actual } = server.address() as AddressInfo;
      resolve(`http://${address.includes(':') ? `[${address}]` : address}:${actual}`);
    });
  });
}

/**
 * On SIGINT or SIGTERM: runs `stop` (which must resolve once everything it owns has exited), then
 * exits 0. A second signal while stopping exits at once, with 130.
 *
 * Also stops when orphaned: `npm start` runs us under `sh -c`, and a SIGTERM sent to npm alone
 * kills npm and that shell (Debian's dash does not exec the command) but never reaches us; left
 * running, the mock would hold its port and the next `npm start` would fail.
 */
export function exitOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const parent = process.ppid;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const orphanWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanWatch);
    onSignal();
  }, 500);
  orphanWatch.unref();
}

/** Closes the server and its idle and active connections; resolves when it has closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Prints a one-line error and exits 1: for failures the user can fix (a busy port, a bad PORT). */
export function fail(error: Error): never {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
