import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes the files a script generates or, with `--check`, fails when one on disk differs from
 * what it would write, naming the command that brings it up to date: `npm run check` and CI run
 * the check, so a stale generated file is never committed.
 */
export function writeOrCheck(
  files: [path: string, text: string][],
  messages: { command: string; upToDate: string; written: string },
): void {
  if (process.argv.includes('--check')) {
    const stale = files.filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text);
    if (stale.length > 0) {
      console.error(`Stale: ${stale.map(([path]) => path).join(', ')}. Run ${messages.command} and commit.`);
      process.exit(1);
    }
    console.log(messages.upToDate);
    return;
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  console.log(messages.written);
}
