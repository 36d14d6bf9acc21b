// Runs before `npm start` and `npm test`: on a fresh clone, installs the packages first, so each of
// the README's two commands works on its own.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
if (stale) {
  console.log('Installing packages (npm ci) …');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
// Fail early with a readable message when the packages don't match the lock file.
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
if (!lock.packages) throw new Error('package-lock.json is unreadable; run npm install');
