// A control's reference links (AWS documentation, benchmark text).
export function References({ urls }: { urls: string[] }) {
  const links = urls.filter((url) => /^https?:\/\//.test(url));
  if (!links.length) return null;
  return (
    <section aria-labelledby="references">
      <h2 id="references">References</h2>
      <ul className="plain">
        {links.map((url) => (
          <li key={url}>
            <a href={url} target="_blank" rel="noreferrer">
              {url}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
