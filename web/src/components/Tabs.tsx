// Tabs as WAI-ARIA describes them: one tab in the Tab order (roving tabindex), Left/Right/Home/End move and
// select, each tab controls one panel, and the panel is focusable so its content can be reached and scrolled.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

export function Tabs<K extends string>({
  tabs,
  active,
  onSelect,
  label,
  children,
}: {
  tabs: readonly TabItem<K>[];
  active: K;
  onSelect: (key: K) => void;
  label: string;
  /** The active tab's panel; omitted when the tabs filter a view below them rather than switch panels. */
  children?: ReactNode;
}) {
  const id = useId();
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const tabId = (key: K) => `${id}-tab-${key}`;
  const panelId = `${id}-panel`;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.key === active);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    const key = tabs[next].key;
    onSelect(key);
    refs.current.get(key)?.focus();
  }

  return (
    <>
      <div role="tablist" className="tabs" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            ref={(element) => {
              if (element) refs.current.set(tab.key, element);
              else refs.current.delete(tab.key);
            }}
            id={tabId(tab.key)}
            type="button"
            role="tab"
            aria-selected={tab.key === active}
            aria-controls={children === undefined ? undefined : panelId}
            tabIndex={tab.key === active ? 0 : -1}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {children !== undefined && (
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(active)} tabIndex={0} className="tabpanel">
          {children}
        </div>
      )}
    </>
  );
}
