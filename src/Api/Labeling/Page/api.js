// The page's calls to the labeling API, with the credential kept in localStorage.

const TOKEN_KEY = "instructgpt.label.token";

export class ApiError extends Error {
  constructor(status, message, code, param) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

export const credential = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** Takes a token from the link's fragment (/label#token=…), keeps it, and removes it from the address bar. */
export function takeTokenFromLink() {
  const hash = window.location.hash.startsWith("#") ? window.location.hash.slice(1) : "";
  const token = new URLSearchParams(hash).get("token");
  if (!token) return;
  credential.set(token.trim());
  history.replaceState(null, "", window.location.pathname + window.location.search);
}

/** Calls the API with the kept credential; resolves to the parsed JSON, or throws ApiError with the server's message. */
export async function call(method, path, body) {
  const headers = { Accept: "application/json" };
  const token = credential.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
  } catch (e) {
    throw new ApiError(0, `The server cannot be reached (${e.message}). Your answers are kept in this browser; try again.`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = json && json.error ? json.error : null;
    const message = error && error.message ? error.message
      : json && (json.detail || json.title) ? json.detail || json.title
      : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, error ? error.code : null, error ? error.param : null);
  }
  return json;
}

export const api = {
  me: () => call("GET", "/v1/labeling/me"),
  next: () => call("GET", "/v1/labeling/tasks/next"),
  submit: (taskId, submission) => call("POST", `/v1/labeling/tasks/${encodeURIComponent(taskId)}/submission`, submission),
  skip: (taskId, reason) => call("POST", `/v1/labeling/tasks/${encodeURIComponent(taskId)}/skip`, reason ? { reason } : {}),
  batches: () => call("GET", "/v1/labeling/batches?limit=100"),
  agreement: (batchId) => call("GET", `/v1/labeling/batches/${encodeURIComponent(batchId)}/agreement`),
};
