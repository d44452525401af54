import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	Tooltip,
	type Plugin
} from 'chart.js';

/*
 * Chart.js with only what the office's bar charts use, so the chunk stays small. Loaded by
 * `import()` from the chart component: no other screen carries it.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
	label: string;
	/** Percent, 0–100, per category; null draws nothing. */
	values: (number | null)[];
	/** A colour token of src/lib/styles, e.g. `--color-brand`. */
	colorToken: string;
}

export interface BarChartSpec {
	categories: string[];
	series: BarSeries[];
	stacked: boolean;
	/** Percent where the target line is drawn, with its legend text. */
	target: { value: number; label: string };
}

/** The target as a dark vertical line across the bars (the same mark as RateBar's). */
function targetLine(value: number, color: string): Plugin<'bar'> {
	return {
		id: 'targetLine',
		afterDatasetsDraw(chart) {
			const { ctx, chartArea, scales } = chart;
			const x = scales.x?.getPixelForValue(value);
			if (x === undefined) return;
			ctx.save();
			ctx.strokeStyle = color;
			ctx.lineWidth = 2;
			ctx.setLineDash([6, 4]);
			ctx.beginPath();
			ctx.moveTo(x, chartArea.top);
			ctx.lineTo(x, chartArea.bottom);
			ctx.stroke();
			ctx.restore();
		}
	};
}

/** A long branch name on lines of `width` characters, so a phone shows it whole beside its bar. */
export function wrapLabel(label: string, width: number): string[] {
	const chars = [...label];
	const lines: string[] = [];
	for (let start = 0; start < chars.length; start += width) {
		lines.push(chars.slice(start, start + width).join(''));
	}
	return lines;
}

/** Horizontal percent bars: one row per category reads on a phone whatever the branch's name. */
export function drawBarChart(canvas: HTMLCanvasElement, spec: BarChartSpec): () => void {
	const style = getComputedStyle(canvas);
	const token = (name: string) => style.getPropertyValue(name).trim();
	const text = token('--color-text');
	const narrow = canvas.parentElement !== null && canvas.parentElement.clientWidth < 600;
	const chart = new Chart(canvas, {
		type: 'bar',
		data: {
			labels: spec.categories.map((label) => wrapLabel(label, narrow ? 7 : 16)),
			datasets: spec.series.map((series) => ({
				label: series.label,
				data: series.values,
				backgroundColor: token(series.colorToken),
				borderWidth: 0,
				maxBarThickness: 22
			}))
		},
		options: {
			indexAxis: 'y',
			maintainAspectRatio: false,
			animation: false,
			scales: {
				x: {
					min: 0,
					max: 100,
					stacked: spec.stacked,
					ticks: { color: text, callback: (value) => `${value}%` },
					grid: { color: token('--color-divider-subtle') }
				},
				y: {
					stacked: spec.stacked,
					ticks: { color: text, font: { size: narrow ? 11 : 12 } },
					grid: { display: false }
				}
			},
			plugins: {
				legend: {
					position: 'bottom',
					labels: { color: text, boxWidth: 12 }
				},
				tooltip: {
					callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue}%` }
				}
			}
		},
		plugins: [targetLine(spec.target.value, text)]
	});
	return () => chart.destroy();
}
