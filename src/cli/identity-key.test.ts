import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { identityKeyPath, postgresKeyPath } from './identity-key.ts';

test("a PostgreSQL registry's key file is named for its database, not for the working directory", () => {
  const saved = { cwd: process.cwd(), xdg: process.env.XDG_CONFIG_HOME, file: process.env.CREDENCE_KEY_FILE };
  process.env.XDG_CONFIG_HOME = '/home/clerk/.config';
  delete process.env.CREDENCE_KEY_FILE;
  try {
    const url = 'postgres://credence:secret@db.example.org:6432/registry';
    const here = identityKeyPath({ databaseUrl: url });
    process.chdir('/');
    assert.equal(identityKeyPath({ databaseUrl: url }), here, 'the same from any directory');
    assert.equal(here, join('/home/clerk/.config', 'credence', 'db.example.org-6432-registry.key'));
    assert.doesNotMatch(here, /secret|credence:/, 'no password in the path');
    assert.equal(
      postgresKeyPath('postgres://127.0.0.1/x'),
      join('/home/clerk/.config', 'credence', '127.0.0.1-5432-x.key'),
      'the default port is spelled out',
    );
    assert.notEqual(
      postgresKeyPath('postgres://h/a'),
      postgresKeyPath('postgres://h/b'),
      'one key per database',
    );
    assert.equal(identityKeyPath({ databaseUrl: url, keyFile: 'k/registry.key' }), '/k/registry.key');
  } finally {
    process.chdir(saved.cwd);
    if (saved.xdg === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved.xdg;
    if (saved.file !== undefined) process.env.CREDENCE_KEY_FILE = saved.file;
  }
});
