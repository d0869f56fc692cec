// Work in progress: the readers land in the next commit.
import type { CollectContext } from '../../types';

export async function collectElb(_ctx: CollectContext): Promise<void> {
  throw new Error('elb collector not implemented yet');
}
