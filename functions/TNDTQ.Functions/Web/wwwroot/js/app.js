// The app shell: who is signed in, the header and navigation for their roles, and the router that
// shows one screen at a time. Screens live in views/; each is a class with start() and render().
import { render } from '/lib/lit-html/lit-html.js';
import { html, nothing, setRefresh, refresh, loading, failed, setWords } from './ui.js';
import { api, devSignIn, whenUnauthenticated, ApiError } from './api.js';
import { mayLeave, forgetAll } from './unsaved.js';
import { SignInPage } from './views/signin.js';
import { HomePage } from './views/home.js';
import { WardsPage, WardPage, GroupPage, MemberPage } from './views/register.js';
import { ImportPage } from './views/import.js';
import { AdminPage } from './views/admin.js';
import { OperationsPage } from './views/operations.js';
import { CyclesPage, WardCyclePage } from './views/restructure.js';
import { NominationsPage, NominationPage, CampaignPage } from './views/commendations.js';
import { SignOffsPage, SignOffPage } from './views/signoff.js';
import { MeetingWardsPage, MeetingsPage, MeetingFormPage, MeetingPage } from './views/meetings.js';
import { ReportsPage } from './views/reports.js';
import { TrainingListPage, TrainingFormPage, TrainingSessionPage, TrainingCoveragePage } from './views/training.js';
import { SupportWardsPage, SupportRoundsPage, SupportFormPage, SupportRoundPage } from './views/support.js';

/**
 * A screen's class: made with the parts of its address and the app (../../types/app.d.ts).
 * @typedef {import('../../types/app').Page} Page
 * @typedef {new (params: import('../../types/app').RouteParams, app: import('../../types/app').App) => Page} PageClass
 */
/** Every screen: its address (":name" is a part of the address the screen reads) and its class. */
/** @type {[string, PageClass][]} */
const routes = [
  ['/', HomePage],
  ['/so-theo-doi', WardsPage],
  ['/so-theo-doi/:wardId', WardPage],
  ['/so-theo-doi/:wardId/nhap-tu-tep', ImportPage],
  ['/so-theo-doi/:wardId/to/:groupId', GroupPage],
  ['/so-theo-doi/:wardId/to/:groupId/thanh-vien/:memberId', MemberPage],
  ['/ra-soat', CyclesPage],
  ['/ra-soat/:cycleId/:wardId', WardCyclePage],
  ['/khen-thuong', NominationsPage],
  ['/khen-thuong/dot/moi', CampaignPage],
  ['/khen-thuong/:id', NominationPage],
  ['/to-trinh/:wardId', SignOffsPage],
  ['/to-trinh/:wardId/:id', SignOffPage],
  ['/hop-to', MeetingWardsPage],
  ['/hop-to/:wardId', MeetingsPage],
  ['/hop-to/:wardId/ghi-moi', MeetingFormPage],
  ['/hop-to/:wardId/:meetingId', MeetingPage],
  ['/hop-to/:wardId/:meetingId/sua', MeetingFormPage],
  ['/tap-huan', TrainingListPage],
  ['/tap-huan/lap-ke-hoach', TrainingFormPage],
  ['/tap-huan/bao-phu', TrainingCoveragePage],
  ['/tap-huan/:id', TrainingSessionPage],
  ['/tap-huan/:id/sua', TrainingFormPage],
  ['/ho-tro', SupportWardsPage],
  ['/ho-tro/:wardId', SupportRoundsPage],
  ['/ho-tro/:wardId/lap-moi', SupportFormPage],
  ['/ho-tro/:wardId/:roundId', SupportRoundPage],
  ['/ho-tro/:wardId/:roundId/sua', SupportFormPage],
  ['/bao-cao', ReportsPage],
  ['/bao-cao/:wardId', ReportsPage],
  ['/quan-tri', AdminPage],
  ['/van-hanh', OperationsPage],
];

/**
 * What the whole app knows: the person, their wards, the badge counts, the current screen.
 * @type {import('../../types/app').App}
 */
export const app = {
  me: null,
  wards: [],
  counts: null,
  page: null,
  problem: null,
  devMode: false,
  get isDistrict() { return this.me && !this.me.roles.some(r => r === 'ward-officer' || r === 'ward-chairman'); },
  has(role) { return this.me?.roles.includes(role) ?? false; },
  wardName(id) { return this.wards.find(w => w.id === id)?.name ?? ''; },
  navigate,
  refreshCounts,
  signIn,
};

const root = document.getElementById('app');
root.textContent = ''; // the page's own "loading" line goes; the app draws from here on
setRefresh(() => render(shell(), root));

function match(path) {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const [pattern, Page] of routes) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    if (want.every((w, i) => w.startsWith(':') ? (params[w.slice(1)] = decodeURIComponent(parts[i]), true) : w === parts[i])) return { Page, params };
  }
  return null;
}

/** Shows another screen; false when the person chose to stay with a form they have not saved (unsaved.js). */
export function navigate(path, { replace = false } = {}) {
  if (!mayLeave()) return false;
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  show();
  return true;
}

let shownUrl = location.pathname + location.search;
function show() {
  if (!app.me) return;
  menuOpen = false;
  forgetAll(); // the last screen's forms are gone
  shownUrl = location.pathname + location.search;
  const found = match(location.pathname);
  app.page = found ? new found.Page(found.params, app) : new NotFoundPage();
  document.title = `${app.page.title} – Tổ NDTQ`;
  refresh();
  app.page.start?.();
  requestAnimationFrame(() => /** @type {HTMLElement | null} */ (document.querySelector('main h1'))?.focus({ preventScroll: false }));
}

class NotFoundPage {
  title = 'Không tìm thấy trang';
  render() { return html`<h1 tabindex="-1">Không tìm thấy trang</h1><p>Địa chỉ này không có trong ứng dụng. <a href="/">Về trang Việc của tôi</a>.</p>`; }
}

// ---- sign-in ------------------------------------------------------------------------------------

async function signIn() {
  app.problem = null;
  try {
    const { data } = await api('/api/me');
    app.me = data;
    setWords(data.words);
    app.devMode = !!devSignIn.objectId;
    const [{ data: wards }] = await Promise.all([api('/api/wards'), refreshCounts()]);
    app.wards = wards ?? [];
    show();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    app.me = null;
    if (e.status === 401) return offerSignIn();
    if (e.status === 403 && devSignIn.objectId) { devSignIn.objectId = null; return offerSignIn(e); }
    app.problem = e;
    refresh();
  }
}

/** Locally (development sign-in on) the picker; in Azure, Easy Auth's sign-in. */
async function offerSignIn(reason) {
  try {
    const { data: people } = await api('/api/demo/people');
    app.devMode = true;
    app.page = new SignInPage(people, reason, id => { devSignIn.objectId = id; app.page = null; refresh(); signIn(); });
    document.title = 'Đăng nhập – Tổ NDTQ';
    refresh();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      location.assign(`/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(location.pathname)}`);
      return;
    }
    app.problem = e;
    refresh();
  }
}

function signOut() {
  if (!mayLeave()) return;
  if (app.devMode) {
    devSignIn.objectId = null;
    app.me = null; app.wards = []; app.counts = null;
    history.replaceState(null, '', '/');
    offerSignIn();
  } else {
    location.assign('/.auth/logout?post_logout_redirect_uri=/');
  }
}

async function refreshCounts() {
  try { app.counts = (await api('/api/inbox/counts')).data; } catch { app.counts = null; }
  refresh();
}

whenUnauthenticated(() => { if (app.me) { app.me = null; offerSignIn(); } });

// ---- the shell ----------------------------------------------------------------------------------

function navItems() {
  /** @type {[string, string, number][]} the address, the text and the badge of each link */
  const items = [['/', 'Việc của tôi', app.counts ? (app.counts.tasks + app.counts.unread) : 0]];
  const ward = app.me.wardId;
  items.push([ward ? `/so-theo-doi/${ward}` : '/so-theo-doi', 'Sổ theo dõi', 0]);
  items.push([ward ? `/hop-to/${ward}` : '/hop-to', 'Họp tổ', 0]);
  items.push(['/tap-huan', 'Tập huấn', 0]);
  items.push(['/ra-soat', 'Rà soát, kiện toàn', 0]);
  items.push(['/khen-thuong', 'Khen thưởng', 0]);
  if (ward) items.push([`/to-trinh/${ward}`, 'Tờ trình ký duyệt', 0]);
  items.push([ward ? `/ho-tro/${ward}` : '/ho-tro', 'Hỗ trợ, thăm hỏi', 0]);
  items.push([ward ? `/bao-cao/${ward}` : '/bao-cao', 'Báo cáo', 0]);
  if (app.has('administrator')) items.push(['/quan-tri', 'Quản trị', 0], ['/van-hanh', 'Vận hành', 0]);
  return items;
}

function current(href) {
  const path = location.pathname;
  return href === '/' ? path === '/' : path === href || path.startsWith(href + '/') || (href.startsWith('/so-theo-doi') && path.startsWith('/so-theo-doi')) || (href.startsWith('/hop-to') && path.startsWith('/hop-to'))
    || (href.startsWith('/bao-cao') && path.startsWith('/bao-cao')) || (href.startsWith('/ho-tro') && path.startsWith('/ho-tro'));
}

// On a narrow screen (below 700 px, app.css) the navigation is one "Danh mục" button that opens the
// list under it (a disclosure): Escape or a click outside closes it, choosing a screen closes it.
let menuOpen = false;
function toggleMenu() { menuOpen = !menuOpen; refresh(); }
function closeMenu({ focusButton = false } = {}) {
  if (!menuOpen) return;
  menuOpen = false;
  refresh();
  if (focusButton) /** @type {HTMLElement | null} */ (document.querySelector('.menu-toggle'))?.focus();
}
document.addEventListener('keydown', e => { if (e.key === 'Escape' && menuOpen) { e.preventDefault(); closeMenu({ focusButton: true }); } });
document.addEventListener('click', e => { if (menuOpen && !/** @type {Element} */ (e.target).closest?.('.main-nav')) closeMenu(); });
document.addEventListener('focusin', e => { if (menuOpen && !/** @type {Element} */ (e.target).closest?.('.main-nav')) closeMenu(); });

function shell() {
  if (!app.me) {
    return html`<main id="main" class="signin-main">
      ${app.problem ? html`<h1>Tổ Nhân dân tự quản</h1>${failed(app.problem, () => signIn())}` : app.page instanceof SignInPage ? app.page.render() : loading()}
    </main>`;
  }
  const roles = app.me.roleNames.join(', ');
  const ward = app.me.wardId ? app.wardName(app.me.wardId) : '';
  const items = navItems();
  const here = items.find(([href]) => current(href))?.[1];
  const totalBadge = items.reduce((n, [, , badge]) => n + badge, 0);
  return html`
    <a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
    <header class="top">
      <a class="brand" href="/"><span class="logo" aria-hidden="true">★</span><span>Tổ Nhân dân tự quản</span></a>
      <div class="who">
        <span class="name">${app.me.displayName}</span>
        <span class="role">${roles}${ward ? html` · Phường ${ward}` : nothing}</span>
      </div>
      <button type="button" class="signout" @click=${signOut}>Đăng xuất</button>
    </header>
    <nav class="main-nav ${menuOpen ? 'open' : ''}" aria-label="Chức năng">
      <button type="button" class="menu-toggle" aria-expanded=${menuOpen ? 'true' : 'false'} aria-controls="main-nav-links" @click=${toggleMenu}>
        <span class="menu-icon" aria-hidden="true"></span><span class="menu-label">Danh mục${here ? html`<span class="menu-here">: ${here}</span>` : nothing}</span>${totalBadge ? html` <span class="badge" aria-label="${totalBadge} mục mới">${totalBadge}</span>` : nothing}
      </button>
      <div class="nav-links" id="main-nav-links">
        ${items.map(([href, text, badge]) => html`<a href=${href} aria-current=${current(href) ? 'page' : 'false'}>${text}${badge ? html` <span class="badge" aria-label="${badge} mục mới">${badge}</span>` : nothing}</a>`)}
      </div>
    </nav>
    <main id="main" tabindex="-1">${app.page ? app.page.render() : loading()}</main>
    <footer class="foot">Hệ thống quản lý Tổ Nhân dân tự quản${app.has('administrator') ? html` · <a href="/api-reference/" target="_blank" rel="noopener">Tài liệu API</a>` : nothing}</footer>`;
}

// Links inside the app change the screen without reloading the page.
document.addEventListener('click', e => {
  const a = /** @type {HTMLAnchorElement | null} */ (/** @type {Element} */ (e.target).closest?.('a[href]'));
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/.auth/') || url.hash && url.pathname === location.pathname) return;
  e.preventDefault();
  closeMenu();
  navigate(url.pathname + url.search);
});
// Back or forward away from a form with unsaved changes: asked first; staying puts the address back.
window.addEventListener('popstate', () => {
  if (!mayLeave()) { history.pushState(null, '', shownUrl); return; }
  show();
});

refresh();
signIn();
