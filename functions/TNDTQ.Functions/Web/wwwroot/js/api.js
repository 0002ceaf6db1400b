// Talking to the API: one fetch wrapper that signs in (development sign-in), sends request ids and
// If-Match, and turns every failure into an ApiError whose texts are Vietnamese.

const PRINCIPAL_KEY = 'tndtq.dev-principal';

/** The object id chosen on the development sign-in page (null in Azure, where Easy Auth signs in). */
export const devSignIn = {
  get objectId() { return sessionStorage.getItem(PRINCIPAL_KEY); },
  set objectId(value) { value ? sessionStorage.setItem(PRINCIPAL_KEY, value) : sessionStorage.removeItem(PRINCIPAL_KEY); },
  /** @param {string} objectId */
  header(objectId) {
    const json = JSON.stringify({ claims: [{ typ: 'oid', val: objectId }] });
    return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
  },
};

/** A failure as the person reads it: title, detail (a full sentence) and errors keyed by the JSON field path. */
export class ApiError extends Error {
  /**
   * @param {number} status 0 when no answer came.
   * @param {Problem} [problem] the answer's ProblemDetails.
   */
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || 'Đã có lỗi xảy ra.');
    this.status = status;
    this.title = problem.title || 'Đã có lỗi xảy ra.';
    this.detail = problem.detail || '';
    this.code = problem.code || '';
    this.errors = problem.errors || {};
    this.body = problem;
  }
  /** No answer, or an answer saying "try again": the same request id must be sent again. */
  get retryable() { return this.status === 0 || this.status === 503 || this.status >= 500; }
}

const offline = () => new ApiError(0, {
  title: 'Không kết nối được máy chủ.',
  detail: 'Không kết nối được máy chủ. Nội dung bạn đã nhập vẫn còn nguyên; hãy kiểm tra mạng rồi bấm lại.',
});

/** @type {(error: ApiError) => void} */
let onUnauthenticated = () => {};
/** @param {(error: ApiError) => void} handler */
export function whenUnauthenticated(handler) { onUnauthenticated = handler; }

/** A fresh id for one action of the person (reused when that action is retried). */
export function newRequestId() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** @param {{ etag?: string | null, requestId?: string | null, json: boolean }} what */
function headers({ etag, requestId, json }) {
  /** @type {Record<string, string>} */
  const h = { Accept: 'application/json' };
  if (devSignIn.objectId) h['X-MS-CLIENT-PRINCIPAL'] = devSignIn.header(devSignIn.objectId);
  if (etag) h['If-Match'] = etag;
  if (requestId) h['x-requestid'] = requestId;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

/**
 * @typedef {object} Problem An error answer (RFC 9457 ProblemDetails with the app's errors by field).
 * @property {string} [title]
 * @property {string} [detail]
 * @property {string} [code]
 * @property {Record<string, string[]>} [errors]
 */
/**
 * @typedef {object} ApiOptions
 * @property {string} [method] GET unless said.
 * @property {unknown} [body] sent as JSON.
 * @property {File} [file] sent as multipart "file".
 * @property {string | null} [etag] sent as If-Match.
 * @property {string | null} [requestId] sent as x-requestid.
 * @property {boolean} [blob] the answer as a Blob.
 */
/**
 * An answer: its body (typed by the caller from Web/types/api.d.ts, e.g. api<WardView[]>) and headers.
 * @template [T=any]
 * @typedef {object} ApiAnswer
 * @property {T} data
 * @property {number} status
 * @property {string | null} etag
 * @property {string | null} location
 * @property {string | null} fileName
 */
/**
 * Calls the API. Returns {data, etag, status, location}. Throws ApiError.
 * Options: method, body (JSON), file (a File sent as multipart "file"), etag (If-Match), requestId, blob (answer as a Blob).
 * @template [T=any]
 * @param {string} path
 * @param {ApiOptions} [options]
 * @returns {Promise<ApiAnswer<T>>}
 */
export async function api(path, { method = 'GET', body, file, etag, requestId, blob = false } = {}) {
  let payload;
  if (file) { payload = new FormData(); payload.append('file', file, file.name); }
  else if (body !== undefined) payload = JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, { method, body: payload, headers: headers({ etag, requestId, json: body !== undefined && !file }), credentials: 'same-origin' });
  } catch {
    throw offline();
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    let problem = {};
    if (type.includes('json')) { try { problem = await response.json(); } catch { /* keep the status */ } }
    if (!problem.title) problem.title = response.status === 404 ? 'Không tìm thấy dữ liệu yêu cầu.' : 'Máy chủ trả lời lỗi.';
    const error = new ApiError(response.status, problem);
    if (response.status === 401) onUnauthenticated(error);
    throw error;
  }
  let data = null;
  if (blob) data = await response.blob();
  else if (type.includes('json')) data = await response.json();
  return { data, status: response.status, etag: response.headers.get('ETag'), location: response.headers.get('Location'),
    fileName: fileNameOf(response.headers.get('Content-Disposition')) };
}

/** @param {string | null} disposition */
function fileNameOf(disposition) {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

/** Downloads a file the API serves (the sign-in header must go with it, so not a plain link). */
/** @param {string} path @param {string} fallbackName */
export async function download(path, fallbackName) {
  const { data, fileName } = await api(path, { blob: true });
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url; a.download = fileName || fallbackName;
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A record with the ETag to send back in If-Match (from the ETag header, as the API documents it). */
export const versioned = (/** @type {{ data: any, etag?: string | null }} */ response) => ({ ...response.data, etag: response.etag ?? response.data?.eTag });
