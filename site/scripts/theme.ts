// The theme switch: follows the system until the user picks, then remembers the choice. Printing
// opens every collapsed <details> so nothing is hidden on paper.
const root = document.documentElement;
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const isDark = (): boolean => (root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches);

const button = document.querySelector<HTMLButtonElement>('.theme-toggle');
if (button) {
  const sync = () => button.setAttribute('aria-pressed', String(isDark()));
  button.hidden = false;
  sync();
  dark.addEventListener('change', sync);
  button.addEventListener('click', () => {
    const theme = isDark() ? 'light' : 'dark';
    root.dataset.theme = theme;
    try {
      localStorage.setItem('remdesk-theme', theme);
    } catch {
      // Storage can be off (private windows, file:// on some browsers): the switch still works.
    }
    sync();
    window.dispatchEvent(new Event('remdesk-theme'));
  });
}

const reopen: HTMLDetailsElement[] = [];
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details:not([open])')) {
    (d as HTMLDetailsElement).open = true;
    reopen.push(d as HTMLDetailsElement);
  }
});
window.addEventListener('afterprint', () => {
  for (const d of reopen.splice(0)) d.open = false;
});
