// The asset's neighbourhood as a graph (React Flow): columns by distance, a glyph per asset class, edges named by
// their relationship, and the analyser's path from the internet drawn above it. The same nodes follow as a list
// for screen readers and keyboards; the drawing itself is hidden from them and holds nothing focusable.
import { useMemo } from 'react';
import {
  Background,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import type { Neighbourhood, NeighbourhoodNode } from '../types';

/**
 * A glyph per asset class (letters, not icon-font symbols: every font draws them), coloured by family, with the
 * class also written under the name.
 */
const CLASS_GLYPHS: Record<string, { text: string; family: string }> = {
  Account: { text: 'AC', family: 'org' },
  Host: { text: 'VM', family: 'compute' },
  Disk: { text: 'DK', family: 'data' },
  DataStore: { text: 'S3', family: 'data' },
  Database: { text: 'DB', family: 'data' },
  Firewall: { text: 'FW', family: 'network' },
  Network: { text: 'NW', family: 'network' },
  Gateway: { text: 'GW', family: 'network' },
  IpAddress: { text: 'IP', family: 'network' },
  User: { text: 'US', family: 'identity' },
  UserGroup: { text: 'GR', family: 'identity' },
  AccessRole: { text: 'RL', family: 'identity' },
  AccessPolicy: { text: 'PO', family: 'identity' },
  Key: { text: 'KY', family: 'identity' },
  Certificate: { text: 'CT', family: 'identity' },
  Function: { text: 'λ', family: 'compute' },
  Cluster: { text: 'CL', family: 'compute' },
  Service: { text: 'SV', family: 'compute' },
  Task: { text: 'TK', family: 'compute' },
  Image: { text: 'IM', family: 'compute' },
  Repository: { text: 'RP', family: 'data' },
  Logs: { text: 'LG', family: 'org' },
  Monitor: { text: 'MN', family: 'org' },
  Channel: { text: 'CH', family: 'org' },
  Configuration: { text: 'CF', family: 'org' },
  Detector: { text: 'DT', family: 'org' },
  Internet: { text: 'WWW', family: 'internet' },
};
const UNKNOWN_GLYPH = { text: '?', family: 'unknown' };

/** How an edge reads: "sg-1 protects i-1". */
export function verbText(verb: string): string {
  return verb.toLowerCase().replace(/_/g, ' ');
}

/** The last part of an ARN (`arn:aws:ec2:...:subnet/subnet-1` -> `subnet-1`), or the id itself. */
function idTail(id: string): string {
  return id.split(/[:/]/).filter(Boolean).pop() ?? id;
}

/** Short, distinct labels: the name, and the id's tail when two nodes share a name or there is no name. */
export function nodeLabels(nodes: NeighbourhoodNode[]): Map<string, string> {
  const tail = idTail;
  const base = nodes.map((node) => node.asset?.name || tail(node.id));
  const counts = new Map<string, number>();
  for (const label of base) counts.set(label, (counts.get(label) ?? 0) + 1);
  return new Map(
    nodes.map((node, index) => {
      const label = base[index];
      const shared = (counts.get(label) ?? 0) > 1 && tail(node.id) !== label;
      return [node.id, shared ? `${label} (${tail(node.id)})` : label];
    }),
  );
}

/** "internet -> igw-1 -> subnet-1 -> acl-1 -> sg-1+sg-2 -> i-1 (tcp 22)" as hops, each with the ids it names. */
export function parsePath(path: string): { label: string; ids: string[] }[] {
  return path.split(' -> ').map((part) => {
    const label = part.trim();
    const bare = label.replace(/\s*\(.*\)$/, '').split(/[\s:]/)[0];
    return { label, ids: bare.split('+').filter(Boolean) };
  });
}

interface AssetNodeData extends Record<string, unknown> {
  label: string;
  glyph: { text: string; family: string };
  kind: string;
  centre: boolean;
  onPath: boolean;
}

function AssetNode({ data }: NodeProps<Node<AssetNodeData>>) {
  return (
    <div
      className={`graph-node${data.centre ? ' centre' : ''}${data.onPath ? ' on-path' : ''}`}
      title={data.label}
    >
      <Handle id="left-in" type="target" position={Position.Left} isConnectable={false} />
      <Handle id="left-out" type="source" position={Position.Left} isConnectable={false} />
      <span className={`glyph family-${data.glyph.family}`} aria-hidden="true">
        {data.glyph.text}
      </span>
      <span className="text">
        <span className="name">{data.label}</span>
        <span className="kind">{data.kind}</span>
      </span>
      <Handle id="right-in" type="target" position={Position.Right} isConnectable={false} />
      <Handle id="right-out" type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const NODE_TYPES = { asset: AssetNode };
const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 64;
const PER_COLUMN = 12;

export function RelationshipGraph({
  graph,
  exposurePaths = [],
  onOpen,
}: {
  graph: Neighbourhood;
  exposurePaths?: string[];
  /** Called with an asset key when a node in the inventory is clicked. */
  onOpen?: (key: string) => void;
}) {
  const labels = useMemo(() => nodeLabels(graph.nodes), [graph.nodes]);
  const path = useMemo(() => (exposurePaths[0] ? parsePath(exposurePaths[0]) : []), [exposurePaths]);
  // The path names bare AWS ids (igw-1, sg-1); the inventory may key the same things by ARN.
  const onPathIds = useMemo(() => {
    const named = new Set(path.flatMap((hop) => hop.ids));
    return new Set(graph.nodes.filter((node) => named.has(idTail(node.id))).map((node) => node.id));
  }, [path, graph.nodes]);

  const { nodes, edges } = useMemo(() => {
    const nodes: Node<AssetNodeData>[] = [];
    const edges: Edge[] = [];
    // Nearest first, so each hop fills its columns in the order the server ranked them.
    const byHop = new Map<number, NeighbourhoodNode[]>();
    for (const node of graph.nodes) byHop.set(node.hops, [...(byHop.get(node.hops) ?? []), node]);
    let column = 0;
    for (const hop of [...byHop.keys()].sort((a, b) => a - b)) {
      const members = byHop.get(hop)!;
      for (let start = 0; start < members.length; start += PER_COLUMN) {
        const slice = members.slice(start, start + PER_COLUMN);
        slice.forEach((node, row) => {
          nodes.push({
            id: node.id,
            type: 'asset',
            position: { x: column * COLUMN_WIDTH, y: (row - (slice.length - 1) / 2) * ROW_HEIGHT },
            data: {
              label: labels.get(node.id) ?? node.id,
              glyph: CLASS_GLYPHS[node.asset?.class ?? ''] ?? UNKNOWN_GLYPH,
              kind: node.asset ? `${node.asset.class} · ${node.asset.type}` : 'not in the inventory',
              centre: node.hops === 0,
              onPath: onPathIds.has(node.id),
            },
          });
        });
        column += 1;
      }
    }
    const x = new Map(nodes.map((node) => [node.id, node.position.x]));
    for (const edge of graph.edges) {
      const highlighted = onPathIds.has(edge.fromId) && onPathIds.has(edge.toId);
      // Leave from the side facing the other end, so an edge back towards the centre does not loop around.
      const from = x.get(edge.fromId) ?? 0;
      const to = x.get(edge.toId) ?? 0;
      edges.push({
        id: `${edge.fromId}|${edge.verb}|${edge.toId}`,
        source: edge.fromId,
        target: edge.toId,
        sourceHandle: from > to ? 'left-out' : 'right-out',
        targetHandle: from < to ? 'left-in' : 'right-in',
        label: verbText(edge.verb),
        className: highlighted ? 'on-path' : undefined,
        markerEnd: { type: MarkerType.ArrowClosed },
      });
    }
    // The analyser's path from the internet, drawn as its own row above the neighbourhood.
    if (path.length > 0) {
      const top = Math.min(...nodes.map((node) => node.position.y)) - 2 * ROW_HEIGHT;
      path.forEach((hop, index) => {
        const id = `path:${index}`;
        const known = graph.nodes.find((node) => hop.ids.includes(idTail(node.id)));
        nodes.push({
          id,
          type: 'asset',
          position: { x: index * (COLUMN_WIDTH - 40), y: top },
          data: {
            label: known && hop.ids.length === 1 ? (labels.get(known.id) ?? hop.label) : hop.label,
            glyph:
              index === 0
                ? CLASS_GLYPHS.Internet
                : (CLASS_GLYPHS[known?.asset?.class ?? ''] ?? pathGlyph(hop.ids[0] ?? '')),
            kind: index === 0 ? 'the internet' : `exposure path, step ${index}`,
            centre: false,
            onPath: true,
          },
        });
        if (index > 0)
          edges.push({
            id: `path:${index - 1}->${index}`,
            source: `path:${index - 1}`,
            target: id,
            sourceHandle: 'right-out',
            targetHandle: 'left-in',
            className: 'on-path',
            animated: true,
            label: index === 1 ? 'reaches' : undefined,
            markerEnd: { type: MarkerType.ArrowClosed },
          });
      });
    }
    return { nodes, edges };
  }, [graph, labels, path, onPathIds]);

  if (graph.nodes.length <= 1) return <p className="muted">No relationships.</p>;
  const keyOf = new Map(graph.nodes.map((node) => [node.id, node.asset?.key]));
  const centre = graph.nodes[0];
  return (
    <figure className="graph" data-testid="relationship-graph">
      <div className="graph-canvas" aria-hidden="true">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          fitView
          minZoom={0.1}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
          onNodeClick={(_event, node) => {
            const key = keyOf.get(node.id);
            if (key && node.id !== centre.id) onOpen?.(key);
          }}
        >
          <Background />
        </ReactFlow>
      </div>
      <figcaption className="muted small">
        {graph.nodes.length - 1} related asset{graph.nodes.length === 2 ? '' : 's'} within{' '}
        {Math.max(...graph.nodes.map((node) => node.hops))} hop
        {Math.max(...graph.nodes.map((node) => node.hops)) === 1 ? '' : 's'}
        {graph.omitted > 0 ? `; ${graph.omitted.toLocaleString()} more not shown` : ''}.
        {path.length > 0 ? ' Highlighted: the path from the internet.' : ''}
      </figcaption>
      {path.length > 0 && (
        <p className="small">
          <strong>Path from the internet:</strong> {path.map((hop) => hop.label).join(' → ')}
        </p>
      )}
      <details>
        <summary>Relationships as a list</summary>
        <ul className="plain small" aria-label="Related assets">
          {graph.nodes.slice(1).map((node) => {
            const touching = graph.edges.filter((edge) => edge.fromId === node.id || edge.toId === node.id);
            return (
              <li key={node.id}>
                {node.asset ? (
                  <a href={`#/inventory/${encodeURIComponent(node.asset.key)}`}>{labels.get(node.id)}</a>
                ) : (
                  <span title="not in the inventory">{labels.get(node.id)}</span>
                )}{' '}
                <span className="muted">
                  {node.asset ? node.asset.type : 'not in the inventory'} · {node.hops} hop
                  {node.hops === 1 ? '' : 's'} away
                  {touching.length > 0 &&
                    ` · ${touching
                      .map((edge) =>
                        edge.fromId === node.id
                          ? `${verbText(edge.verb)} ${labels.get(edge.toId)}`
                          : `${labels.get(edge.fromId)} ${verbText(edge.verb)} it`,
                      )
                      .join('; ')}`}
                </span>
              </li>
            );
          })}
        </ul>
      </details>
    </figure>
  );
}

/** A glyph from an AWS id prefix, for path steps outside the neighbourhood drawn. */
function pathGlyph(id: string): { text: string; family: string } {
  if (id.startsWith('igw-')) return CLASS_GLYPHS.Gateway;
  if (id.startsWith('subnet-')) return CLASS_GLYPHS.Network;
  if (id.startsWith('acl-') || id.startsWith('sg-')) return CLASS_GLYPHS.Firewall;
  if (id.startsWith('i-')) return CLASS_GLYPHS.Host;
  return UNKNOWN_GLYPH;
}
