import type { Asset, Relationship } from '../types';

/** How an edge reads from the asset's side: "protected by", "in", "reached through"... */
function phrase(edge: Relationship): string {
  const incoming: Record<string, string> = {
    PROTECTS: 'protected by',
    ROUTES_TO: 'reached through',
    TRIGGERS: 'triggered by',
    CAN_ASSUME: 'assumable by',
    ENCRYPTS: 'encrypted by',
    IN: 'contains',
    HAS: 'belongs to',
    ATTACHED_TO: 'attached',
    USES: 'used by',
    MEMBER_OF: 'has member',
    LOGS_TO: 'receives logs from',
    ROUTES: 'routed by',
  };
  return edge.direction === 'in'
    ? (incoming[edge.verb] ?? `← ${edge.verb}`)
    : edge.verb.toLowerCase().replace(/_/g, ' ');
}

function otherLabel(edge: Relationship): string {
  const otherId = edge.direction === 'out' ? edge.toId : edge.fromId;
  return edge.other?.name || otherId.split(/[:/]/).pop() || otherId;
}

/** A radial graph: the asset in the middle, each neighbour on a circle with the relationship on its edge. */
export function RelationshipGraph({
  center,
  relationships,
}: {
  center: Asset;
  relationships: Relationship[];
}) {
  if (!relationships.length) return <p className="muted">No relationships.</p>;
  const shown = relationships.slice(0, 24);
  const size = 560;
  const middle = size / 2;
  const radius = 200;
  return (
    <figure className="graph">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label={`Relationships of ${center.name || center.id}`}
        data-testid="relationship-graph"
      >
        {shown.map((edge, index) => {
          const angle = (2 * Math.PI * index) / shown.length - Math.PI / 2;
          const x = middle + radius * Math.cos(angle);
          const y = middle + radius * Math.sin(angle);
          const label = otherLabel(edge);
          const node = (
            <>
              <circle cx={x} cy={y} r={8} className={edge.other ? 'node' : 'node missing'} />
              <text x={x} y={y + 22} textAnchor="middle" className="label">
                {label.slice(0, 28)}
              </text>
            </>
          );
          return (
            <g key={index}>
              <line x1={middle} y1={middle} x2={x} y2={y} className="edge" />
              <text x={(middle + x) / 2} y={(middle + y) / 2 - 4} className="verb" textAnchor="middle">
                {phrase(edge)}
              </text>
              {edge.other ? (
                <a
                  href={`#/inventory/${encodeURIComponent(edge.other.key)}`}
                  aria-label={`${phrase(edge)} ${label}`}
                >
                  {node}
                </a>
              ) : (
                node
              )}
            </g>
          );
        })}
        <circle cx={middle} cy={middle} r={14} className="node center" />
        <text x={middle} y={middle + 32} textAnchor="middle" className="label strong">
          {(center.name || center.id).slice(0, 32)}
        </text>
      </svg>
      <figcaption className="muted small">
        {relationships.length > shown.length
          ? `Showing ${shown.length} of ${relationships.length} relationships.`
          : `${relationships.length} relationship${relationships.length === 1 ? '' : 's'}.`}
      </figcaption>
      <ul className="plain small" aria-label="Relationships as a list">
        {relationships.map((edge, index) => (
          <li key={index}>
            <strong>{phrase(edge)}</strong>{' '}
            {edge.other ? (
              <a href={`#/inventory/${encodeURIComponent(edge.other.key)}`}>{otherLabel(edge)}</a>
            ) : (
              <span title="not in the inventory">{otherLabel(edge)}</span>
            )}{' '}
            <span className="muted">{edge.other?.type}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
