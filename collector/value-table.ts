// AWS answers repeat the same short values across thousands of resources (the account id, states, VPC and
// subnet ids, zones, instance types, timestamps), and each parsed answer holds its own copy of every one; ids
// built from pieces (ARNs) are ropes of ~32-byte nodes, and a relationship builds its own copy of the ARNs it
// joins. A sync keeps one flat copy of each value it emits: at --scale 1 of bench/scan-bench.ts the heap held
// ~18 MB of duplicate strings and ~8 MB of rope nodes. The table lives as long as one sync, so a long-running
// server's memory does not grow with it.
import type { Asset, Relationship } from '../store/model';
import { StringPool } from './string-pool';

/** Longer strings (policy documents, certificates) are kept as they are: they rarely repeat. */
const MAX_LENGTH = 2048;

export class ValueTable {
  private readonly pool = new StringPool(MAX_LENGTH);

  /** The table's copy of `text`: equal in content, stored once and flat. */
  value(text: string): string {
    return this.pool.intern(text);
  }

  /** Replaces the asset's strings (ids, tags, every string in its configuration) by the table's, in place. */
  asset(asset: Asset): void {
    asset.id = this.value(asset.id);
    asset.accountId = this.value(asset.accountId);
    asset.region = this.value(asset.region);
    asset.service = this.value(asset.service);
    asset.type = this.value(asset.type);
    asset.name = this.value(asset.name);
    this.inPlace(asset.tags);
    this.inPlace(asset.config);
  }

  relationship(relationship: Relationship): void {
    relationship.fromId = this.value(relationship.fromId);
    relationship.toId = this.value(relationship.toId);
    relationship.accountId = this.value(relationship.accountId);
    relationship.region = this.value(relationship.region);
    relationship.service = this.value(relationship.service);
    if (relationship.properties) this.inPlace(relationship.properties);
  }

  /** Every string member of plain objects and arrays below `value`, replaced in place (keys are V8's already). */
  private inPlace(value: unknown): void {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        const member: unknown = value[index];
        if (typeof member === 'string') value[index] = this.value(member);
        else if (member !== null && typeof member === 'object') this.inPlace(member);
      }
      return;
    }
    // Plain objects only: a Buffer or Date someone put in a configuration is left alone.
    if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const member = record[key];
      if (typeof member === 'string') record[key] = this.value(member);
      else if (member !== null && typeof member === 'object') this.inPlace(member);
    }
  }
}
