// STUB: replaced by the database service (nedb storage + mingo queries).
import { CloudError } from '../protocol';
import { LocalCloudContext, LocalService } from '../server';

export async function createDatabase(_ctx: LocalCloudContext, _collectionsFile: string): Promise<LocalService> {
  return {
    prefix: 'database',
    async handle() {
      throw new CloudError('INVALID_ACTION', 'database not implemented yet');
    },
  };
}
