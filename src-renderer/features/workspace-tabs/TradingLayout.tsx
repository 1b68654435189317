// The trading screen's panels (UI.md: resizable): chart | ticket column above, the tabs below. The trader drags a
// divider or focuses it and uses the arrow keys; the sizes are kept in this browser's storage and come back at the
// next start.
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { disableGlobalCursorStyles, Panel, PanelGroup, PanelResizeHandle } from 'react-resizable-panels';

// The library sets the drag cursor page-wide with a <style> element, which the renderer's CSP (style-src 'self')
// refuses; the dividers' own CSS cursor is enough.
disableGlobalCursorStyles();

interface Props {
  chart: ReactNode;
  side: ReactNode;
  tabs: ReactNode;
}

export function TradingLayout({ chart, side, tabs }: Props) {
  const { t } = useT('workspaceTabs');
  return (
    <PanelGroup direction="vertical" autoSaveId="tbs.layout.rows" className="trading-layout">
      <Panel id="workspace" order={1} defaultSize={68} minSize={30}>
        <PanelGroup direction="horizontal" autoSaveId="tbs.layout.columns" className="workspace">
          <Panel id="chart" order={1} defaultSize={73} minSize={35}>
            {chart}
          </Panel>
          <PanelResizeHandle className="resize-handle resize-handle-columns" aria-label={t('resizeColumns')} />
          <Panel id="side" order={2} defaultSize={27} minSize={22} maxSize={50}>
            {side}
          </Panel>
        </PanelGroup>
      </Panel>
      <PanelResizeHandle className="resize-handle resize-handle-rows" aria-label={t('resizeRows')} />
      <Panel id="tabs" order={2} defaultSize={32} minSize={15}>
        {tabs}
      </Panel>
    </PanelGroup>
  );
}
