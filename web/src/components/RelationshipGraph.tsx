import type { Asset, Relationship } from '../types';

interface Edge extends Relationship {
  other?: { key: string; name: string; type: string };
}

/** A radial graph: the asset in the middle, each neighbour on a circle with the verb on its edge. */
export function RelationshipGraph({ center, relationships }: { center: Asset; relationships: Edge[] }) {
  if (!relationships.length) return <p className="muted">No relationships.</p>;
  const shown = relationships.slice(0, 24);
  const size = 520;
  const middle = size / 2;
  const radius = 190;
  return (
    <figure className="graph">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label={`Relationships of ${center.name || center.id}`}
      >
        {shown.map((edge, index) => {
          const angle = (2 * Math.PI * index) / shown.length - Math.PI / 2;
          const x = middle + radius * Math.cos(angle);
          const y = middle + radius * Math.sin(angle);
          const outgoing = edge.fromId === center.id;
          const otherId = outgoing ? edge.toId : edge.fromId;
          const label = edge.other?.name || otherId.split(/[:/]/).pop() || otherId;
          return (
            <g key={index}>
              <line x1={middle} y1={middle} x2={x} y2={y} className="edge" />
              <text x={(middle + x) / 2} y={(middle + y) / 2 - 4} className="verb" textAnchor="middle">
                {outgoing ? `${edge.verb} →` : `← ${edge.verb}`}
              </text>
              {edge.other ? (
                <a href={`#/inventory/${encodeURIComponent(edge.other.key)}`}>
                  <circle cx={x} cy={y} r={8} className="node" />
                  <text x={x} y={y + 22} textAnchor="middle" className="label">
                    {label.slice(0, 28)}
                  </text>
                </a>
              ) : (
                <>
                  <circle cx={x} cy={y} r={8} className="node missing" />
                  <text x={x} y={y + 22} textAnchor="middle" className="label">
                    {label.slice(0, 28)}
                  </text>
                </>
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
          : `${relationships.length} relationships.`}
      </figcaption>
      <ul className="plain small">
        {relationships.map((edge, index) => (
          <li key={index}>
            {edge.fromId === center.id ? 'this' : (edge.other?.name ?? edge.fromId)}{' '}
            <strong>{edge.verb}</strong> {edge.toId === center.id ? 'this' : (edge.other?.name ?? edge.toId)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
