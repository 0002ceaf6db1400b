// Báo cáo: the dashboard of the district (every ward and the total) or of one ward, from the figures the
// server keeps current; one chart (Chart.js), the tables, and the workbook to download. Below it, the
// multi-year summary ("Tổng hợp nhiều năm") for a range of years: the server's tables as they come, and its workbook.
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, fmtNumber, Form, formMessage, field, submitButton } from '../ui.js';
import { api, download, ApiError } from '../api.js';

const enc = encodeURIComponent;
const RATINGS = [['good', 'Tốt'], ['fair', 'Khá'], ['average', 'Trung bình'], ['weak', 'Yếu']];
const RATING_COLOURS = ['#1b7f3b', '#5b9bd5', '#e0a800', '#c62828'];
const REGISTER = [['activeGroups', 'Tổ đang hoạt động'], ['mergedGroups', 'Đã sáp nhập'], ['splitGroups', 'Đã chia tách'], ['dissolvedGroups', 'Đã giải thể'],
  ['activeMembers', 'Thành viên'], ['leaders', 'Tổ trưởng'], ['deputies', 'Tổ phó'], ['households', 'Số hộ']];
/** Leaders and deputies trained within the period (the training slice keeps it). */
const TRAINED = 'Đã tập huấn';

/** Chart.js, loaded once when a report is first shown (its single-file build sets globalThis.Chart). */
let chartLibrary = null;
const loadChart = () => (chartLibrary ??= import('/lib/chart.js/chart.umd.min.js').then(() => globalThis.Chart));

export class ReportsPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId ?? null; this.data = null; this.error = null; this.exporting = new Form(); this.reporting = new Form(); this.reportKind = 'so-ket'; this.chart = null;
    const year = new Date().getFullYear();
    this.range = new Form({ from: String(year - 6), to: String(year) }); // the years asked for (the server checks them)
    this.summary = null; this.summaryError = null; this.summaryExporting = new Form();
  }
  get title() { return this.wardId && this.data ? `Báo cáo phường ${this.data.wards[0]?.wardName ?? ''}` : 'Báo cáo'; }

  async start() {
    this.loadSummary();
    try {
      this.data = (await api(`/api/reports/dashboard${this.wardId ? `?wardId=${enc(this.wardId)}` : ''}`)).data;
      this.error = null;
      document.title = `${this.title} – Tổ NDTQ`;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
    if (this.data) await this.drawChart();
  }

  /** The ratings of the latest assessment per ward, stacked; before any assessment, the active groups per ward. */
  async drawChart() {
    const Chart = await loadChart();
    const canvas = document.getElementById('report-chart');
    if (!canvas) return;
    this.chart?.destroy();
    const wards = this.data.wards;
    const rated = this.data.totals.ratings.total > 0;
    const datasets = rated
      ? RATINGS.map(([key, label], i) => ({ label, data: wards.map(w => w.ratings[key]), backgroundColor: RATING_COLOURS[i] }))
      : [{ label: 'Tổ đang hoạt động', data: wards.map(w => w.register.activeGroups), backgroundColor: '#5b9bd5' }];
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: wards.map(w => w.wardName), datasets },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: 'bottom' }, title: { display: true, text: this.chartTitle } },
        locale: 'vi-VN',
      },
    });
    canvas.dataset.ready = 'true';
  }

  get chartTitle() {
    return this.data.totals.ratings.total > 0 ? 'Kết quả đánh giá gần nhất của các tổ, theo phường' : 'Số tổ đang hoạt động, theo phường';
  }

  /** The summary for the years in the form; a bad year is said beside its field (the server's 400 names it). */
  async loadSummary() {
    const { from, to } = this.range.values;
    const query = `?from=${enc(from.trim())}&to=${enc(to.trim())}${this.wardId ? `&wardId=${enc(this.wardId)}` : ''}`;
    const result = await this.range.submit(() => api(`/api/reports/summary${query}`));
    if (result) { this.summary = result.data; this.summaryError = null; }
    else if (this.range.error && this.range.error.status !== 400) this.summaryError = this.range.error;
    refresh();
  }

  exportSummary() {
    if (!this.summary) return undefined;
    const { from, to } = this.summary;
    const query = `?from=${from}&to=${to}${this.wardId ? `&wardId=${enc(this.wardId)}` : ''}`;
    return this.summaryExporting.submit(() => download(`/api/reports/summary/export${query}`, `tong-hop-to-ndtq-${from}-${to}.xlsx`));
  }

  export() {
    const query = this.wardId ? `?wardId=${enc(this.wardId)}` : '';
    return this.exporting.submit(() => download(`/api/reports/dashboard/export${query}`, `bao-cao-to-ndtq-${this.data?.year ?? ''}.xlsx`));
  }

  /** The review report (Báo cáo sơ kết / tổng kết) of the same scope, as PDF or Word. */
  downloadReport(format) {
    const query = new URLSearchParams({ format, kind: this.reportKind });
    if (this.wardId) query.set('wardId', this.wardId);
    return this.reporting.submit(() => download(`/api/reports/review-report?${query}`, `bao-cao-${this.reportKind}.${format}`));
  }

  render() {
    const head = html`<h1 tabindex="-1">${this.title}</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.data) return html`${head}${loading()}`;
    const d = this.data;
    const one = d.wards.length === 1 && this.wardId;
    const t = d.totals;
    const totalName = one ? 'Cộng' : d.totalName;
    return html`
      ${one && this.app.isDistrict ? html`<nav class="crumbs" aria-label="Vị trí"><ol><li><a href="/bao-cao">Báo cáo các phường</a></li><li><span aria-current="page">Phường ${d.wards[0].wardName}</span></li></ol></nav>` : nothing}
      ${head}
      <p class="meta">Số liệu đến ${fmtDateTime(d.at)}. ${one ? html`<a href="/so-theo-doi/${enc(this.wardId)}">Xem sổ theo dõi của phường</a>.` : nothing}</p>
      <ul class="tiles report" aria-label="Số liệu tổng hợp">
        <li><span class="num">${fmtNumber(t.register.activeGroups)}</span> tổ đang hoạt động</li>
        <li><span class="num">${fmtNumber(t.register.activeMembers)}</span> thành viên</li>
        <li><span class="num">${fmtNumber(t.register.households)}</span> hộ gia đình</li>
        <li class=${t.reviewsOverdue ? 'bad' : ''}><span class="num">${fmtNumber(t.reviewsOverdue)}</span> phường quá hạn rà soát</li>
        <li class="good"><span class="num">${fmtNumber(t.awardsThisYear)}</span> khen thưởng năm ${d.year}</li>
        <li class="good"><span class="num">${fmtNumber(t.supportThisYear ?? 0)}</span> đồng hỗ trợ đã trao năm ${d.year}</li>
        <li><span class="num">${fmtNumber(t.groupMeetingsThisYear ?? 0)}</span> cuộc họp tổ năm ${d.year}</li>
        <li><span class="num">${fmtNumber(t.wardMeetingsThisYear ?? 0)}</span> cuộc họp giao ban năm ${d.year}</li>
      </ul>
      <div class="toolbar">
        <button type="button" ?disabled=${this.exporting.busy} @click=${() => this.export()}>${this.exporting.busy ? 'Đang xuất…' : 'Tải tệp Excel'}</button>
        <div class="filter">
          <label for="r-kind">Loại báo cáo</label>
          <select id="r-kind" @change=${e => { this.reportKind = e.target.value; }}>
            <option value="so-ket" ?selected=${this.reportKind === 'so-ket'}>Sơ kết</option>
            <option value="tong-ket" ?selected=${this.reportKind === 'tong-ket'}>Tổng kết</option>
          </select>
        </div>
        <button type="button" ?disabled=${this.reporting.busy} @click=${() => this.downloadReport('pdf')}>Tải báo cáo (PDF)</button>
        <button type="button" ?disabled=${this.reporting.busy} @click=${() => this.downloadReport('docx')}>Tải báo cáo (Word)</button>
        ${this.reporting.busy ? html`<span class="muted" role="status">Đang lập báo cáo…</span>` : nothing}
      </div>
      ${formMessage(this.exporting)}
      ${formMessage(this.reporting)}
      ${d.wards.length === 0 ? empty('Chưa có phường nào.') : html`
      <figure class="chart">
        <div class="chart-box"><canvas id="report-chart" role="img" aria-label=${this.chartTitle}></canvas></div>
        <figcaption class="visually-hidden">${this.chartTitle}: số liệu ở các bảng bên dưới.</figcaption>
      </figure>
      ${this.registerTable(d, totalName)}
      ${this.ratingsTable(d, totalName)}
      ${this.reviewsTable(d)}
      ${this.nominationsTable(d, totalName)}`}
      ${this.summarySection()}`;
  }

  summarySection() {
    const s = this.summary;
    return html`<section aria-labelledby="rp-summary" class="summary"><h2 id="rp-summary">Tổng hợp nhiều năm</h2>
      <p class="hint">Số tổ thành lập, kiện toàn, sáp nhập, chia tách, giải thể; thành viên tham gia, rời tổ; tổ trưởng được thay; khen thưởng theo hình thức — theo từng năm và từng phường.</p>
      <form class="inline-form" aria-label="Chọn các năm tổng hợp" @submit=${e => { e.preventDefault(); this.loadSummary(); }} novalidate>
        ${field(this.range, 'from', 'Từ năm', { type: 'number', inputmode: 'numeric', min: 2000, max: 2100, required: true })}
        ${field(this.range, 'to', 'Đến năm', { type: 'number', inputmode: 'numeric', min: 2000, max: 2100, required: true })}
        ${submitButton(this.range, 'Xem số liệu', 'Đang tải…')}
        <button type="button" ?disabled=${!s || this.summaryExporting.busy} @click=${() => this.exportSummary()}>${this.summaryExporting.busy ? 'Đang xuất…' : 'Tải bảng tổng hợp (Excel)'}</button>
      </form>
      ${formMessage(this.range, ['from', 'to'])}
      ${formMessage(this.summaryExporting)}
      ${this.summaryError ? failed(this.summaryError, () => this.loadSummary()) : !s ? loading() : html`
        <p class="meta">Từ năm ${s.from} đến năm ${s.to}; số liệu đến ${fmtDateTime(s.at)}.</p>
        ${s.tables.map(t => this.summaryTable(t))}`}
    </section>`;
  }

  /** One of the server's summary tables: its first column (year or ward), a column per figure, the totals row last. On a phone it
   *  scrolls sideways with its first column kept in view (as cards, ten tables of every ward would be a page tens of screens long),
   *  as the dashboard's own tables below do. */
  summaryTable(t) {
    const id = `rp-${t.key}`;
    const row = r => html`<th scope="row">${r.label}</th>${r.values.map((v, i) => html`<td class="n" data-label=${t.columns[i].name}>${fmtNumber(v)}</td>`)}`;
    return html`<section aria-labelledby=${id}><h3 id=${id}>${t.title}</h3>
      <div class="table-wrap scroll" role="region" tabindex="0" aria-labelledby=${id}><table class="report-table">
        <thead><tr><th scope="col">${t.rowHeader}</th>${t.columns.map(c => html`<th scope="col" class="n">${c.name}</th>`)}</tr></thead>
        <tbody>${t.rows.filter(r => !r.total).map(r => html`<tr>${row(r)}</tr>`)}</tbody>
        <tfoot>${t.rows.filter(r => r.total).map(r => html`<tr>${row(r)}</tr>`)}</tfoot>
      </table></div></section>`;
  }

  wardCell(w) {
    return this.wardId ? html`<th scope="row">${w.wardName}</th>` : html`<th scope="row"><a href="/bao-cao/${enc(w.wardId)}">${w.wardName}</a></th>`;
  }

  registerTable(d, totalName) {
    return html`<section aria-labelledby="rp-register"><h2 id="rp-register">Tổ và thành viên</h2>
      <div class="table-wrap scroll" role="region" tabindex="0" aria-labelledby="rp-register"><table class="report-table">
        <thead><tr><th scope="col">Phường</th>${REGISTER.map(([, l]) => html`<th scope="col" class="n">${l}</th>`)}<th scope="col" class="n">${TRAINED}</th></tr></thead>
        <tbody>${d.wards.map(w => html`<tr>${this.wardCell(w)}${REGISTER.map(([k, l]) => html`<td class="n" data-label=${l}>${fmtNumber(w.register[k])}</td>`)}<td class="n" data-label=${TRAINED}>${fmtNumber(w.leadersTrained)}</td></tr>`)}</tbody>
        <tfoot><tr><th scope="row">${totalName}</th>${REGISTER.map(([k, l]) => html`<td class="n" data-label=${l}>${fmtNumber(d.totals.register[k])}</td>`)}<td class="n" data-label=${TRAINED}>${fmtNumber(d.totals.leadersTrained)}</td></tr></tfoot>
      </table></div></section>`;
  }

  ratingsTable(d, totalName) {
    return html`<section aria-labelledby="rp-ratings"><h2 id="rp-ratings">Kết quả đánh giá gần nhất</h2>
      <div class="table-wrap scroll" role="region" tabindex="0" aria-labelledby="rp-ratings"><table class="report-table">
        <thead><tr><th scope="col">Phường</th><th scope="col">Đợt rà soát</th>${RATINGS.map(([, l]) => html`<th scope="col" class="n">${l}</th>`)}</tr></thead>
        <tbody>${d.wards.map(w => html`<tr>${this.wardCell(w)}
          <td data-label="Đợt rà soát">${w.ratingsCycleName ?? html`<span class="muted">(chưa đánh giá)</span>`}</td>
          ${RATINGS.map(([k, l]) => html`<td class="n" data-label=${l}>${fmtNumber(w.ratings[k])}</td>`)}</tr>`)}</tbody>
        <tfoot><tr><th scope="row">${totalName}</th><td></td>${RATINGS.map(([k, l]) => html`<td class="n" data-label=${l}>${fmtNumber(d.totals.ratings[k])}</td>`)}</tr></tfoot>
      </table></div></section>`;
  }

  reviewsTable(d) {
    return html`<section aria-labelledby="rp-reviews"><h2 id="rp-reviews">Rà soát, kiện toàn</h2>
      <div class="table-wrap scroll" role="region" tabindex="0" aria-labelledby="rp-reviews"><table class="report-table">
        <thead><tr><th scope="col">Phường</th><th scope="col">Đợt rà soát</th><th scope="col">Bước hiện tại</th><th scope="col">Hạn xử lý</th></tr></thead>
        <tbody>${d.wards.map(w => html`<tr>${this.wardCell(w)}
          <td data-label="Đợt rà soát">${w.review ? html`<a href="/ra-soat/${enc(w.review.cycleId)}/${enc(w.wardId)}">${w.review.cycleName}</a>` : html`<span class="muted">(chưa có)</span>`}</td>
          <td data-label="Bước hiện tại">${w.review?.stepName ?? ''}</td>
          <td data-label="Hạn xử lý">${w.review?.dueAt ? fmtDate(w.review.dueAt) : ''} ${w.review?.overdue ? html`<span class="tag bad">Quá hạn</span>` : nothing}</td></tr>`)}</tbody>
        <tfoot><tr><th scope="row">Số phường quá hạn</th><td></td><td></td><td data-label="Quá hạn">${fmtNumber(d.totals.reviewsOverdue)}</td></tr></tfoot>
      </table></div></section>`;
  }

  nominationsTable(d, totalName) {
    const columns = [...d.nominationSteps.map(s => [s.key, s.name, 'nominationsAtStep']), ...d.nominationResultNames.map(s => [s.key, s.name, 'nominationResults'])];
    const cells = f => html`${columns.map(([k, l, from]) => html`<td class="n" data-label=${l}>${fmtNumber(f[from][k])}</td>`)}<td class="n" data-label="Khen thưởng năm ${d.year}">${fmtNumber(f.awardsThisYear)}</td>`;
    return html`<section aria-labelledby="rp-nominations"><h2 id="rp-nominations">Khen thưởng</h2>
      <p class="hint">Đề nghị đang ở từng bước, đề nghị đã kết thúc, và số khen thưởng đã quyết định trong năm ${d.year}.</p>
      <div class="table-wrap scroll" role="region" tabindex="0" aria-labelledby="rp-nominations"><table class="report-table">
        <thead><tr><th scope="col">Phường</th>${columns.map(([, l]) => html`<th scope="col" class="n">${l}</th>`)}<th scope="col" class="n">Khen thưởng năm ${d.year}</th></tr></thead>
        <tbody>${d.wards.map(w => html`<tr>${this.wardCell(w)}${cells(w)}</tr>`)}</tbody>
        <tfoot><tr><th scope="row">${totalName}</th>${cells(d.totals)}</tr></tfoot>
      </table></div></section>`;
  }
}
