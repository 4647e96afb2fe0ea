import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe (every rule it ships, not only the WCAG-tagged ones) on the page as it is now and describes each
 * serious or critical violation: the rule, its impact, and each offending element's selector with axe's
 * explanation (a contrast ratio, the missing label…). Empty when there is none. `rules`: only these (a second
 * theme needs only the rules about colour); `exclude`: selectors of subtrees not scanned (each caller says why).
 */
export async function seriousA11yViolations(
  page: Page,
  { exclude = [], rules }: { exclude?: string[]; rules?: string[] } = {},
): Promise<string[]> {
  // Only violations are read: axe then skips gathering the details of every passing element (much faster).
  let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  if (rules) builder = builder.withRules(rules);
  for (const selector of exclude) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) =>
      [
        `${violation.id} (${violation.impact}): ${violation.help}`,
        ...violation.nodes.map((node) => {
          const why = (node.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
          return `    ${node.target.join(' >> ')}${why ? ` — ${why}` : ''}`;
        }),
      ].join('\n'),
    );
}
