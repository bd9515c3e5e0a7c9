// Secrets the product's functions read from their environment in the cloud (the personal-data keys). Locally
// they are generated once per data dir and kept beside the data, so encrypted records stay readable
// across restarts and no key is ever committed.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRETS_FILE = 'function-secrets.json';

export function functionSecrets(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, SECRETS_FILE);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets = {
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    PERSONAL_DATA_HASH_KEY: randomBytes(32).toString('base64'),
  };
  saveSecrets(dataDir, secrets);
  return secrets;
}

/** Keeps `secrets` as the data dir's (an import brings the keys its data was encrypted with). */
export function saveSecrets(dataDir: string, secrets: Record<string, string>): void {
  fs.writeFileSync(path.join(dataDir, SECRETS_FILE), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
