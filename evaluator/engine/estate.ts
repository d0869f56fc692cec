// The indexed estate the engine and analysers read: assets by id, by type and by (type, region), and
// relationships by (asset, verb, direction). Built once per evaluation.
import type { Relationship, RelationshipVerb } from '../../store/model';
import type { EvalAsset } from '../types';
import { resourceTypeOfId } from './asset-ids';

export type Direction = 'in' | 'out';

/** A resource type whose list call failed in one account and region (GLOBAL_REGION for global types). */
export interface UnreadType {
  accountId: string;
  type: string;
  region: string;
  /** AWS error code, e.g. AccessDenied. */
  code: string;
}

const NONE: readonly never[] = Object.freeze([]);

export class Estate {
  readonly assets: EvalAsset[];
  private readonly byIdMap = new Map<string, EvalAsset>();
  private readonly allByTypeMap = new Map<string, EvalAsset[]>();
  private readonly byTypeMap = new Map<string, EvalAsset[]>();
  private readonly byTypeRegionMap = new Map<string, EvalAsset[]>();
  /**
   * direction -> verb -> asset id -> edges. Keyed by the strings the edges already hold: a key built per edge
   * (direction, id and verb joined) was a new string for every end of every edge, 5 MB at 26,000 edges.
   */
  private readonly edgeMaps: Record<Direction, Map<string, Map<string, Relationship[]>>> = {
    out: new Map(),
    in: new Map(),
  };

  /** `${accountId}\0${type}` -> the regions where its list call failed, with the error code. */
  private readonly unreadMap = new Map<string, UnreadType[]>();

  constructor(assets: EvalAsset[], relationships: Relationship[], unreadTypes: readonly UnreadType[] = []) {
    this.assets = assets;
    for (const unread of unreadTypes) push(this.unreadMap, `${unread.accountId}\0${unread.type}`, unread);
    for (const asset of assets) {
      this.byIdMap.set(asset.id, asset);
      push(this.allByTypeMap, asset.type, asset);
      push(this.byTypeMap, `${asset.accountId}\0${asset.type}`, asset);
      push(this.byTypeRegionMap, `${asset.accountId}\0${asset.type}\0${asset.region}`, asset);
    }
    for (const edge of relationships) {
      push(byVerb(this.edgeMaps.out, edge.verb), edge.fromId, edge);
      push(byVerb(this.edgeMaps.in, edge.verb), edge.toId, edge);
    }
  }

  get(id: string): EvalAsset | undefined {
    return this.byIdMap.get(id);
  }

  /** Every asset of a type across accounts (the engine's iteration order). */
  allOfType(type: string): readonly EvalAsset[] {
    return this.allByTypeMap.get(type) ?? NONE;
  }

  ofType(accountId: string, type: string, region?: string): readonly EvalAsset[] {
    const key = region === undefined ? `${accountId}\0${type}` : `${accountId}\0${type}\0${region}`;
    return (region === undefined ? this.byTypeMap : this.byTypeRegionMap).get(key) ?? NONE;
  }

  /** Where the type's list call failed in the account (in `region` only, when given). */
  unreadType(accountId: string, type: string, region?: string): readonly UnreadType[] {
    const all = this.unreadMap.get(`${accountId}\0${type}`) ?? NONE;
    return region === undefined ? all : all.filter((unread) => unread.region === region);
  }

  /**
   * Ids at the other end of `assetId`'s edges that name an asset (of `type`, when given) the estate does not hold:
   * never collected. Ids that name no asset type (service principals, aliases) are not counted.
   */
  missingRelated(
    assetId: string,
    verb: RelationshipVerb | string,
    direction: Direction,
    type?: string,
  ): string[] {
    const out: string[] = [];
    for (const edge of this.edges(assetId, verb, direction)) {
      const otherId = direction === 'out' ? edge.toId : edge.fromId;
      if (this.byIdMap.has(otherId)) continue;
      const otherType = resourceTypeOfId(otherId);
      if (otherType !== undefined && (type === undefined || otherType === type)) out.push(otherId);
    }
    return out;
  }

  /** Edges touching `assetId`: `out` = assetId VERB x, `in` = x VERB assetId. */
  edges(assetId: string, verb: RelationshipVerb | string, direction: Direction): readonly Relationship[] {
    return this.edgeMaps[direction].get(verb)?.get(assetId) ?? NONE;
  }

  /** Assets at the other end of those edges (edges to ids that are not assets, like service principals, are skipped). */
  related(
    assetId: string,
    verb: RelationshipVerb | string,
    direction: Direction,
    type?: string,
  ): EvalAsset[] {
    const out: EvalAsset[] = [];
    for (const edge of this.edges(assetId, verb, direction)) {
      const other = this.byIdMap.get(direction === 'out' ? edge.toId : edge.fromId);
      if (other && (type === undefined || other.type === type)) out.push(other);
    }
    return out;
  }
}

function byVerb<T>(maps: Map<string, Map<string, T>>, verb: string): Map<string, T> {
  let map = maps.get(verb);
  if (!map) maps.set(verb, (map = new Map()));
  return map;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
