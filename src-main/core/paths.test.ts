import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testkit/temp-dir';
import { projectRoot } from './paths';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('projectRoot', () => {
  it('finds the folder with package.json from the sources and from a compiled file alike', () => {
    writeFileSync(path.join(temp.dir, 'package.json'), '{}');
    mkdirSync(path.join(temp.dir, 'out', 'cli'), { recursive: true });
    mkdirSync(path.join(temp.dir, 'src-main', 'cli', 'commands'), { recursive: true });
    expect(projectRoot(pathToFileURL(path.join(temp.dir, 'out', 'cli', 'main.mjs')).href)).toBe(temp.dir);
    expect(projectRoot(pathToFileURL(path.join(temp.dir, 'src-main', 'cli', 'commands', 'serve.command.ts')).href)).toBe(temp.dir);
  });
});
