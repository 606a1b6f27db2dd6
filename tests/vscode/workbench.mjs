// What the tests read from, and do in, VS Code's workbench: the Problems panel, the editor's
// cursor and squiggles, the command palette, the Output panel. Only what a user sees and does.

/** Runs a command from the palette; `choice`, when given, is typed into the list it opens. */
export async function palette(page, command, choice) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: command }).first().waitFor();
  await page.keyboard.press('Enter');
  if (choice) {
    await input.fill(choice);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: choice }).first().waitFor();
    await page.keyboard.press('Enter');
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens `name` of the workspace with Quick Open; resolves when its editor is active. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  // The list shows recently opened files before it is filtered: wait until the one focused is it.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
  await page.locator('.monaco-editor.focused').waitFor();
}

/**
 * The Problems panel's findings from immuta-preflight, by file: `{ [file]: [{ severity, message,
 * source, code, line, column }] }`, read from its rows (a file's row, then each finding and its help).
 */
export async function problems(page) {
  await page.locator('.markers-panel').waitFor();
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((elements) =>
    elements.map((e) => ({ label: e.getAttribute('aria-label') ?? '', text: e.innerText, index: Number(e.dataset.index) })),
  );
  rows.sort((a, b) => a.index - b.index);
  const found = {};
  let file = null;
  for (const row of rows) {
    const header = /^\d+ problems? in file (.+?) of folder/.exec(row.label);
    if (header) {
      file = header[1];
      continue;
    }
    const finding = /^(Error|Warning|Info): /.exec(row.label);
    if (!finding || !file) continue;
    const [message, source, code, place] = row.text.split('\n');
    // VS Code's own JSON support has findings too (a package.json's schema it cannot download).
    if (source !== 'immuta-preflight') continue;
    const [, line, column] = /\[Ln (\d+), Col (\d+)\]/.exec(place) ?? [];
    (found[file] ??= []).push({
      severity: finding[1].toLowerCase(),
      message,
      source,
      code,
      line: Number(line),
      column: Number(column),
    });
  }
  return found;
}

/** Waits until `predicate(await problems(page))` holds; returns those problems. */
export async function problemsWhen(page, predicate, what, timeout = 20_000, every = 100) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await problems(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(every);
  }
  throw new Error(`the Problems panel never showed ${what}; it shows ${JSON.stringify(last)}`);
}

/** The text of the Output panel's channel `channel`. */
export async function outputOf(page, channel) {
  await palette(page, 'Output: Show Output Channels', channel);
  const lines = page.locator('.panel .output-view .view-lines, .panel [id="workbench.panel.output"] .view-lines').first();
  await lines.waitFor();
  await page.waitForTimeout(300);
  // Monaco renders spaces as no-break spaces.
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Opens the Problems panel and drags its top edge up to `height` pixels: its list draws only the
 * rows it has room for, and the tests read every row.
 */
export async function showProblems(page, height = 900) {
  await page.keyboard.press('Control+Shift+M');
  const panel = await page.locator('.part.panel').boundingBox();
  const x = panel.x + panel.width / 2;
  await page.mouse.move(x, panel.y + 1);
  await page.mouse.down();
  await page.mouse.move(x, panel.y + panel.height - height, { steps: 10 });
  await page.mouse.up();
}
