import { api } from '../api';
import { useLoad } from '../hooks';

interface Region {
  name: string;
  optIn?: boolean;
  description?: string;
}

export function RegionPicker({
  value,
  onChange,
}: {
  value: string[];
  onChange: (regions: string[]) => void;
}) {
  const regions = useLoad(() => api.get<{ items: Region[] }>('/regions'), []);
  const all = regions.data?.items ?? [];
  return (
    <fieldset className="regions">
      <legend>Regions</legend>
      <div className="toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() => onChange(all.map((region) => region.name))}
        >
          Select all
        </button>
        <button type="button" className="secondary" onClick={() => onChange([])}>
          Clear
        </button>
        <span className="muted">{value.length} selected</span>
      </div>
      <div className="region-grid">
        {all.map((region) => (
          <label key={region.name} className="check">
            <input
              type="checkbox"
              checked={value.includes(region.name)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...value, region.name]
                    : value.filter((name) => name !== region.name),
                )
              }
            />
            {region.name}
            {region.optIn && <small className="muted"> (opt-in)</small>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
