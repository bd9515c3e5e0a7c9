// STUB: replaced by the storage service.
import { CloudError } from '../protocol';
import { LocalCloudContext, LocalService } from '../server';

export function createStorage(_ctx: LocalCloudContext): LocalService {
  return {
    prefix: 'storage',
    async handle() {
      throw new CloudError('INVALID_ACTION', 'storage not implemented yet');
    },
  };
}
