// STUB: replaced by the function runtime (workers, gateway, timers).
import { CloudError } from '../protocol';
import { LocalCloudContext, LocalService } from '../server';

export function createFunctions(_ctx: LocalCloudContext, _functionsDir: string): LocalService {
  return {
    prefix: 'functions',
    async handle() {
      throw new CloudError('INVALID_ACTION', 'functions not implemented yet');
    },
  };
}
