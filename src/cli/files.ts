/** File arguments on the command line. */
import { existsSync, readdirSync } from 'node:fs';

/**
 * Expands a `*` in a file argument (`scenarios/*.yaml`) when the shell hasn't — Windows' cmd and
 * PowerShell pass it through as written. Arguments without a `*`, or that name a real file, stay.
 */
export function expandFileArguments(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    if (!arg.includes('*') || existsSync(arg)) return [arg];
    const slash = Math.max(arg.lastIndexOf('/'), arg.lastIndexOf('\\'));
    const dir = slash >= 0 ? arg.slice(0, slash) : '.';
    const pattern = new RegExp(
      `^${arg
        .slice(slash + 1)
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')}$`,
    );
    let names: string[] = [];
    try {
      names = readdirSync(dir)
        .filter((name) => pattern.test(name))
        .sort();
    } catch {
      return [arg];
    }
    return names.length > 0 ? names.map((name) => (slash >= 0 ? `${dir}${arg[slash]}${name}` : name)) : [arg];
  });
}
