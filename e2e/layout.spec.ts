import { expect, test } from './serve-fixture';

/** Layout at the widths operators use, measured in the browser (rough edge #10). */

for (const width of [1024, 1440]) {
  test(`the Add node dialog holds its SSH-access choices at ${width} px`, async ({ page, serve }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(serve.url);
    await page.getByTestId('add-node').click();
    const dialog = page.getByTestId('add-node-dialog');
    const choices = page.getByTestId('node-auth-kind');
    await expect(choices).toBeVisible();
    const box = (await dialog.boundingBox())!;
    const inner = (await choices.boundingBox())!;
    expect(inner.x + inner.width).toBeLessThanOrEqual(box.x + box.width);
    for (const label of ['API only', 'Key file', 'Paste key', 'ssh-agent', 'Password']) {
      const option = (await choices.getByText(label, { exact: true }).boundingBox())!;
      expect(option.x + option.width, label).toBeLessThanOrEqual(box.x + box.width);
    }
  });
}
