// Work in progress: the readers land in the next commit.
import type { CollectContext } from '../../types';

export async function collectEc2(_ctx: CollectContext): Promise<void> {
  throw new Error('ec2 collector not implemented yet');
}
