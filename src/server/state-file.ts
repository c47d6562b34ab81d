// --state-file: the simulator's state kept in a JSON file across restarts. Loaded at start when the
// file exists (a corrupt or foreign file stops the start with a message naming it, and is never
// written); written after each change, atomically (a temporary file beside it, synced, then renamed
// over it), and once more when the server stops (Ctrl-C, SIGTERM). A `kill -9` loses only the
// changes whose write had not finished: those of the last moments (a write takes milliseconds).
import { open, readFile, rename, rm } from 'node:fs/promises';
import type { Simulator } from '../simulator/index.js';

const problem = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * Resolves once loaded (or, when there was none, written for the first time). `log`: where a
 * failed write is reported (default console.error).
 */
export async function keepStateIn(file: string, simulator: Simulator, { log = console.error }: { log?: (line: string) => void } = {}): Promise<{ close(): Promise<void> }> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`state file ${file}: cannot read it (${problem(error)})`);
  }
  if (text !== undefined) {
    let saved: unknown;
    try {
      saved = JSON.parse(text);
    } catch (error) {
      throw new Error(`state file ${file}: not JSON (${(error as Error).message}); it is left as it is: fix it, or move it away to start afresh`);
    }
    try {
      simulator.restore(saved);
    } catch (error) {
      throw new Error(`state file ${file}: ${(error as Error).message}; it is left as it is: fix it, or move it away to start afresh`);
    }
  }

  const temporary = `${file}.${process.pid}.tmp`;
  const write = async () => {
    const bytes = JSON.stringify(simulator.persisted());
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  };
  if (text === undefined) {
    try {
      await write();
    } catch (error) {
      await rm(temporary, { force: true });
      throw new Error(`state file ${file}: cannot write it (${problem(error)})`);
    }
  }

  // One write at a time; changes during a write make one more, after it (a burst costs two writes).
  let writing: Promise<void> | undefined;
  let dirty = false;
  const flush = async () => {
    while (dirty) {
      dirty = false;
      try {
        await write();
      } catch (error) {
        log(`state file ${file}: cannot write it (${problem(error)}); the next change tries again`);
      }
    }
    writing = undefined;
  };
  const stopListening = simulator.onChange(() => {
    dirty = true;
    writing ??= new Promise((resolve) => setImmediate(resolve)).then(flush);
  });
  return {
    async close() {
      stopListening();
      await writing;
      await write();
    },
  };
}
