/**
 * Everything a benchmark starts (child processes, databases, topics) registers how to undo it here. The steps
 * run last-in first-out on normal exit, on Ctrl+C / SIGTERM and on a crash, each at most once.
 */
type Step = { what: string; undo: () => Promise<void> | void };

const steps: Step[] = [];
let running: Promise<void> | undefined;

export function onCleanup(what: string, undo: () => Promise<void> | void): () => void {
  const step = { what, undo };
  steps.push(step);
  // Returns a "done already" callback: the caller undid it itself.
  return () => {
    const index = steps.indexOf(step);
    if (index >= 0) steps.splice(index, 1);
  };
}

export function cleanup(): Promise<void> {
  running ??= (async () => {
    while (steps.length) {
      const step = steps.pop()!;
      try {
        await step.undo();
      } catch (error) {
        console.error(`bench: cleanup of ${step.what} failed: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}

let installed = false;

/** Runs `main`, then the cleanup; Ctrl+C, SIGTERM and uncaught errors also clean up before exiting. */
export async function runBenchmark(main: () => Promise<void>): Promise<never> {
  if (!installed) {
    installed = true;
    const stop = (signal: string) => {
      console.error(`\nbench: ${signal}: stopping children and dropping the bench database…`);
      void cleanup().then(() => process.exit(130));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  }
  let code = 0;
  try {
    await main();
  } catch (error) {
    console.error(`bench: failed: ${(error as Error).stack ?? String(error)}`);
    code = 1;
  }
  await cleanup();
  process.exit(code);
}
