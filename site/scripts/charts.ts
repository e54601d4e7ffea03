// Draws each <figure data-chart> from its own data table. Only the controllers used are
// registered, so chart.js stays small (JS budget: 60 kB gzip on the heaviest page).
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const charts: Chart[] = [];

function draw(): void {
  for (const c of charts.splice(0)) c.destroy();
  const css = getComputedStyle(document.documentElement);
  const color = (name: string) => css.getPropertyValue(name).trim();
  Chart.defaults.color = color('--fg');
  Chart.defaults.borderColor = color('--line');
  for (const figure of document.querySelectorAll<HTMLElement>('figure[data-chart]')) {
    const canvas = figure.querySelector('canvas');
    const table = figure.querySelector('table');
    if (!canvas || !table) continue;
    // A note column (words, not figures) is not drawn.
    const names = [...table.querySelectorAll('thead th:not(.note)')]
      .slice(1)
      .map((th) => th.textContent ?? '');
    const rows = [...table.querySelectorAll('tbody tr')];
    const labels = rows.map((tr) => tr.querySelector('th')?.textContent ?? '');
    // A row with a note (the burn-down's "after the due date") is drawn as a triangle, not a dot.
    const marked = rows.map((tr) => (tr.querySelector('td.note')?.textContent ?? '') !== '');
    const datasets = names.map((label, k) => {
      const c = color(`--series-${(k % 5) + 1}`);
      return {
        label,
        // An empty value is no figure (a month with nothing closed): a gap, not a zero.
        data: rows.map((tr) => {
          const value = tr.querySelectorAll<HTMLElement>('td:not(.note)')[k]?.dataset.value;
          return value ? Number(value) : null;
        }),
        borderColor: c,
        backgroundColor: c,
        pointStyle: marked.map((m) => (m ? 'triangle' : 'circle')),
        pointRadius: marked.map((m) => (m ? 5 : 3)),
      };
    });
    canvas.parentElement?.removeAttribute('hidden');
    charts.push(
      new Chart(canvas, {
        type: 'line',
        data: { labels, datasets },
        options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
      }),
    );
    const details = figure.querySelector('details');
    if (details && !figure.dataset.drawn) details.open = false;
    figure.dataset.drawn = 'true';
  }
}

draw();
window.addEventListener('remdesk-theme', draw);
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
