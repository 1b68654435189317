import { TIMEFRAMES, type Timeframe } from '../../../src-shared';
import { useT } from '../../i18n';

export function TimeframeBar({ value, onChange }: { value: Timeframe; onChange: (timeframe: Timeframe) => void }) {
  const { t } = useT('chart');
  return (
    <div className="timeframes" role="group" aria-label={t('timeframe')}>
      {TIMEFRAMES.map((timeframe) => (
        <button
          key={timeframe}
          type="button"
          className="timeframe"
          aria-pressed={timeframe === value}
          onClick={() => onChange(timeframe)}
        >
          {timeframe}
        </button>
      ))}
    </div>
  );
}
