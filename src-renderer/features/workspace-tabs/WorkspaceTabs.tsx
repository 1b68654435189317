import { useState } from 'react';
import { useT } from '../../i18n';
import { WORKSPACE_TABS } from './tabs';
import type { TabContext } from './workspace-tab';

export function WorkspaceTabs(context: TabContext) {
  const [active, setActive] = useState(WORKSPACE_TABS[0]?.id);
  const { t } = useT('workspaceTabs');
  if (WORKSPACE_TABS.length === 0) return null;
  const current = WORKSPACE_TABS.find((tab) => tab.id === active) ?? WORKSPACE_TABS[0]!;
  return (
    <section className="workspace-tabs" aria-label={t('region')}>
      <div role="tablist" className="tab-list">
        {WORKSPACE_TABS.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`tabpanel-${tab.id}`}
            className={tab.id === current.id ? 'tab active' : 'tab'}
            onClick={() => setActive(tab.id)}
          >
            {t(`tabs.${tab.id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="tab-panel">
        {current.render(context)}
      </div>
    </section>
  );
}
