// The release preview's webview script (bundled by esbuild for the browser into media/release/dist/preview.js).
// Everything it shows arrives by postMessage from the extension host after it posts `ready`. All text, above all
// commit text, is put in the page with textContent / text nodes only: nothing here parses HTML.
import type { MarkdownBlock, MarkdownInline } from '../../src/vscode/release/markdownTree';
import type { CommitRef, HostMessage, PreviewModel, WebviewMessage, WebviewState } from '../../src/vscode/release/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): Partial<WebviewState> | undefined;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState() ?? {};
let state: WebviewState = {
  tab: saved.tab === 'markdown' ? 'markdown' : 'rendered',
  scrollY: typeof saved.scrollY === 'number' ? saved.scrollY : 0,
  root: typeof saved.root === 'string' ? saved.root : null,
};
let model: PreviewModel | null = null;
let error: string | null = null;
let busy = true;
let notice: { kind: 'info' | 'warning'; text: string } | null = null;
let restoredScroll = false;

const app = document.getElementById('app') as HTMLElement;

function saveState(patch: Partial<WebviewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

type Child = Node | string | null | undefined | false;

/** Creates an element; string children become text nodes (never HTML). */
function h(tag: string, props: { class?: string; id?: string; title?: string; role?: string; ariaLabel?: string } = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.id) element.id = props.id;
  if (props.title) element.title = props.title;
  if (props.role) element.setAttribute('role', props.role);
  if (props.ariaLabel) element.setAttribute('aria-label', props.ariaLabel);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

function icon(name: string): HTMLElement {
  const element = h('span', { class: `codicon codicon-${name}` });
  element.setAttribute('aria-hidden', 'true');
  return element;
}

function button(label: string, codicon: string, message: WebviewMessage, options: { id: string; secondary?: boolean; disabled?: boolean; title?: string }): HTMLElement {
  const element = h('button', { id: options.id, class: options.secondary ? 'secondary' : '', title: options.title ?? label }, icon(codicon), h('span', {}, label)) as HTMLButtonElement;
  element.disabled = options.disabled ?? false;
  element.addEventListener('click', () => vscode.postMessage(message));
  return element;
}

function commitLink(commit: CommitRef, ...extra: Child[]): HTMLElement {
  const open = h('button', { class: 'link commit', title: `Open ${commit.hash}` }, h('code', {}, commit.shortHash));
  open.addEventListener('click', () => vscode.postMessage({ type: 'openCommit', hash: commit.hash }));
  return h('li', {}, open, ' ', h('span', { class: 'subject' }, commit.header), ...extra);
}

function inline(nodes: readonly MarkdownInline[]): Node[] {
  return nodes.map((node): Node => {
    switch (node.t) {
      case 'text':
        return document.createTextNode(node.text);
      case 'code':
        return h('code', {}, node.text);
      case 'strong':
        return h('strong', {}, ...inline(node.children));
      case 'link': {
        if (!/^https?:\/\//i.test(node.href)) return h('span', {}, ...inline(node.children));
        const anchor = h('a', { title: node.href }, ...inline(node.children)) as HTMLAnchorElement;
        anchor.href = node.href;
        anchor.addEventListener('click', (event) => {
          event.preventDefault();
          vscode.postMessage({ type: 'openLink', href: node.href });
        });
        return anchor;
      }
    }
  });
}

function blocks(list: readonly MarkdownBlock[]): Node[] {
  return list.map((block): Node => {
    switch (block.t) {
      case 'heading':
        return h(`h${Math.min(block.level + 1, 6)}`, {}, ...inline(block.children));
      case 'list':
        return h('ul', {}, ...block.items.map((item) => h('li', {}, ...inline(item))));
      case 'paragraph':
        return h('p', {}, ...inline(block.children));
    }
  });
}

function section(title: string, codicon: string, id: string, ...children: Child[]): HTMLElement {
  return h('section', { id }, h('h2', {}, icon(codicon), ` ${title}`), ...children);
}

function changelogView(m: PreviewModel): HTMLElement {
  if (!m.changelog) return section('Changelog', 'book', 'changelog', h('p', { class: 'muted' }, 'Nothing to release, so no changelog section.'));
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const panes = h('div', {});
  const rendered = h('div', { class: 'changelog-rendered', id: 'changelog-rendered', role: 'tabpanel' }, ...blocks(m.changelog.blocks));
  const raw = h('pre', { class: 'changelog-markdown', id: 'changelog-markdown', role: 'tabpanel' });
  raw.textContent = m.changelog.markdown;
  const select = (tab: WebviewState['tab']): void => {
    saveState({ tab });
    rendered.hidden = tab !== 'rendered';
    raw.hidden = tab !== 'markdown';
    for (const element of Array.from(tabs.children)) element.setAttribute('aria-selected', String(element.getAttribute('data-tab') === tab));
  };
  for (const [tab, label] of [['rendered', 'Rendered'], ['markdown', 'Markdown']] as const) {
    const element = h('button', { class: 'tab', role: 'tab', id: `tab-${tab}` }, label);
    element.setAttribute('data-tab', tab);
    element.addEventListener('click', () => select(tab));
    tabs.append(element);
  }
  panes.append(rendered, raw);
  select(state.tab);
  return section('Changelog', 'book', 'changelog', tabs, panes);
}

function render(): void {
  const children: Node[] = [];
  const m = model;
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    button('Refresh', 'refresh', { type: 'refresh' }, { id: 'refresh', secondary: true }),
    button('Copy changelog', 'copy', { type: 'copyChangelog' }, { id: 'copy-changelog', secondary: true, disabled: !m?.changelog }),
    button('Insert into CHANGELOG.md', 'insert', { type: 'insertChangelog' }, { id: 'insert-changelog', disabled: !m?.changelog }),
    busy ? h('span', { class: 'busy', id: 'busy', role: 'status' }, icon('loading codicon-modifier-spin'), ' computing…') : null,
  );
  children.push(
    h('header', {}, h('h1', {}, icon('tag'), ' Next release', m ? h('span', { class: 'repo' }, ` ${m.repositoryName}${m.branch ? ` (${m.branch})` : ''}`) : null), toolbar),
  );
  if (notice) children.push(h('div', { class: `notice ${notice.kind}`, id: 'notice', role: 'status' }, icon(notice.kind === 'info' ? 'info' : 'warning'), ` ${notice.text}`));
  if (error !== null) {
    children.push(h('div', { class: 'notice error', id: 'error', role: 'alert' }, icon('error'), ` ${error}`));
  } else if (!m) {
    children.push(h('p', { class: 'status' }, icon('loading codicon-modifier-spin'), ' Computing the next release…'));
  } else {
    const current = m.currentTag ?? m.current;
    const next = m.nextTag ?? m.next;
    children.push(
      h(
        'div',
        { class: 'versions' },
        h('div', { class: 'version' }, h('div', { class: 'label' }, 'Current'), h('div', { class: 'value', id: 'current-version' }, current ?? 'none')),
        h('div', { class: 'arrow' }, icon('arrow-right')),
        h('div', { class: 'version next' }, h('div', { class: 'label' }, 'Next'), h('div', { class: 'value', id: 'next-version' }, next ?? 'no release')),
        h('div', { class: `bump bump-${m.bump}`, id: 'bump' }, m.firstRelease && next ? 'first release' : m.bump === 'none' ? 'no release' : `${m.bump} bump`),
      ),
      h('p', { class: 'muted', id: 'tag-explanation' }, icon('info'), ` ${m.tagExplanation}`),
    );
    if (m.warnings.length > 0) {
      children.push(section('Warnings', 'warning', 'warnings', h('ul', { class: 'warnings' }, ...m.warnings.map((w) => h('li', {}, h('strong', {}, w.code), ': ', w.message)))));
    }
    children.push(
      section(
        m.reasons.length > 0 ? 'Why: the commits that cause it' : 'Why',
        'git-commit',
        'reasons',
        h('ul', { class: 'explanation' }, ...m.explanation.filter((line) => line !== m.tagExplanation).map((line) => h('li', {}, line))),
        m.reasons.length > 0 ? h('ul', { class: 'commits' }, ...m.reasons.map((r) => (r.hash ? commitLink(r, h('span', { class: 'why' }, ` — ${r.why}`)) : h('li', {}, r.why)))) : null,
      ),
      changelogView(m),
    );
    if (m.unconventional.length > 0) {
      children.push(section(`Not in the changelog (${m.unconventional.length})`, 'circle-slash', 'unconventional', h('p', { class: 'muted' }, 'These commits do not follow Conventional Commits, so they release nothing and are left out of the changelog.'), h('ul', { class: 'commits' }, ...m.unconventional.map((c) => commitLink(c)))));
    }
    if (m.cancelled.length > 0) {
      children.push(section(`Cancelled reverts (${m.cancelled.length})`, 'discard', 'cancelled', h('ul', { class: 'commits' }, ...m.cancelled.map((pair) => commitLink(pair.reverted, h('span', { class: 'why' }, ` — reverted by ${pair.revertedBy.shortHash}`))))));
    }
    children.push(h('footer', { class: 'muted' }, `${m.commitCount} commit${m.commitCount === 1 ? '' : 's'} since ${current ?? 'the start'}${m.mergeCommits ? `, ${m.mergeCommits} merge commit(s) ignored` : ''}. Computed ${new Date(m.computedAt).toLocaleTimeString()}.`));
  }
  app.replaceChildren(...children);
  app.setAttribute('aria-busy', String(busy));
  if (m && !restoredScroll) {
    restoredScroll = true;
    window.scrollTo(0, state.scrollY);
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message?.type) {
    case 'loading':
      busy = true;
      break;
    case 'plan':
      busy = false;
      error = null;
      if (model && model.root !== message.model.root) notice = null;
      model = message.model;
      saveState({ root: message.model.root });
      break;
    case 'error':
      busy = false;
      error = message.message;
      model = null;
      break;
    case 'notice':
      notice = { kind: message.kind, text: message.text };
      break;
    default:
      return;
  }
  render();
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => saveState({ scrollY: window.scrollY }), 150);
});

render();
vscode.postMessage({ type: 'ready' });
