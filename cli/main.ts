/**
 * Entry point of `npm run -s ot -- ...` (tsx cli/main.ts): binds `main` to the process. Sets
 * `process.exitCode` rather than calling `process.exit`, so a large result on a pipe is fully
 * written before the process ends.
 */
import { main } from './cli.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin,
}).then(
  (code) => {
    process.exitCode = code;
  },
  // main never rejects; this only guards against a bug in that promise.
  (e: unknown) => {
    process.stderr.write(`error: internal: ${String(e).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
