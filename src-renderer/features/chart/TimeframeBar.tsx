import { TIMEFRAMES, type Timeframe } from '../../../src-shared';

export function TimeframeBar({ value, onChange }: { value: Timeframe; onChange: (timeframe: Timeframe) => void }) {
  return (
    <div className="timeframes" role="group" aria-label="Timeframe">
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
