import { useId } from "react";

export interface Bar {
  /** What the bar is (a day), as read out and shown on hover. */
  label: string;
  /** A short axis label, shown under some bars. */
  tick: string;
  value: number;
  /** The value as people read it ("$12.50", "3 orders"). */
  display: string;
}

const WIDTH = 600;
const HEIGHT = 160;
const AXIS = 20;
const TOP = 14;

/**
 * A bar chart drawn on the server as SVG: no script, no chart library. It is one image to
 * assistive technology, named by its title and summed up by its description; the page gives the
 * figures themselves in a table.
 */
export function BarChart({
  title,
  description,
  bars,
  tickEvery = 7,
}: {
  title: string;
  description: string;
  bars: Bar[];
  /** Label every nth bar on the axis, counting back from the last. */
  tickEvery?: number;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = WIDTH / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.7);
  const plot = HEIGHT - AXIS - TOP;
  const peak = bars.reduce<Bar | undefined>(
    (best, bar) => (bar.value > (best?.value ?? 0) ? bar : best),
    undefined,
  );
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium text-gray-700">{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full text-brand-700"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {description}
          {peak ? ` Highest: ${peak.display} on ${peak.label}.` : " Nothing in this period."}
        </desc>
        <line x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="stroke-gray-300" />
        {peak && (
          <text x={0} y={10} className="fill-gray-500 text-[10px]">
            {peak.display}
          </text>
        )}
        {bars.map((bar, index) => {
          const height = (bar.value / max) * plot;
          const x = index * slot + (slot - barWidth) / 2;
          const tick = (bars.length - 1 - index) % tickEvery === 0;
          return (
            <g key={bar.label}>
              <rect
                x={x}
                y={HEIGHT - AXIS - height}
                width={barWidth}
                height={height}
                rx={1}
                className="fill-current"
              >
                <title>{`${bar.label}: ${bar.display}`}</title>
              </rect>
              {tick && (
                <text
                  x={x + barWidth / 2}
                  y={HEIGHT - 6}
                  textAnchor="middle"
                  className="fill-gray-500 text-[10px]"
                >
                  {bar.tick}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
