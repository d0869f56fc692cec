import { api } from '../api';
import { useLoad } from '../hooks';

export interface Region {
  name: string;
  description: string;
  partition: string;
  optIn: boolean;
}

/** Partition of a role ARN (`arn:aws-cn:iam::...` -> aws-cn); `aws` when it cannot be read. */
export function partitionOf(roleArn: string): string {
  return /^arn:([a-z-]+):/.exec(roleArn)?.[1] ?? 'aws';
}

export function useRegions(partition: string): Region[] | undefined {
  const regions = useLoad(() => api.get<{ items: Region[] }>('/regions'), []);
  return regions.data?.items.filter((region) => region.partition === partition);
}

/** Checkboxes for the regions of one partition (an account's role lives in exactly one). */
export function RegionPicker({
  value,
  onChange,
  partition = 'aws',
}: {
  value: string[];
  onChange: (regions: string[]) => void;
  partition?: string;
}) {
  const all = useRegions(partition) ?? [];
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
        <span className="muted" aria-live="polite">
          {value.length} selected
        </span>
      </div>
      <div className="region-grid">
        {all.map((region) => (
          <label key={region.name} className="check" title={region.description}>
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
            <span>
              <span className="region-code">{region.name}</span>{' '}
              <small className="muted">
                {region.description}
                {region.optIn && ' (opt-in)'}
              </small>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
