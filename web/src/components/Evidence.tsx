// A finding's evidence: plain sentences first; the engine's condition trace folded away for whoever wants to
// check how the verdict was reached.
export function Evidence({
  reason,
  evidence,
  trace,
}: {
  reason: string;
  evidence: string[];
  trace: string[];
}) {
  // The reason heads the evidence; it is shown above as the finding, so the list starts after it.
  const sentences = evidence[0] === reason ? evidence.slice(1) : evidence;
  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">Evidence</h2>
      {sentences.length > 0 ? (
        <ul className="evidence">
          {sentences.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing beyond the finding above.</p>
      )}
      {trace.length > 0 && (
        <details className="trace">
          <summary>How this was decided</summary>
          <pre tabIndex={0}>{trace.join('\n')}</pre>
        </details>
      )}
    </section>
  );
}
