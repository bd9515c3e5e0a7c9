// STUB: replaced by the openapi service and its message sink.
import { CloudError } from '../protocol';
import { LocalCloudContext, LocalService } from '../server';

export function createOpenapi(_ctx: LocalCloudContext): LocalService {
  return {
    prefix: 'wx',
    async handle() {
      throw new CloudError('INVALID_ACTION', 'openapi not implemented yet');
    },
  };
}
