// The labeling page's entry point: the credential (sign-in form or /label#token=…), then the labeler's or the admin's view.
import { api, credential, takeTokenFromLink } from "./api.js";
import { $, show } from "./dom.js";
import { startAdmin } from "./admin.js";
import { startLabeling } from "./labeling.js";

let noticeTimer = null;

/** Shows an error in the alert region (role="alert") or a notice in the status region; a 401 signs out. */
function report(message, isError, error) {
  if (isError) {
    const status = error && error.status ? `${error.status}${error.code ? ` ${error.code}` : ""}: ` : "";
    $("alert").textContent = status + message;
    $("alert").classList.add("shown");
    $("notice").textContent = "";
    if (error && error.status === 401) signOut(false);
  } else {
    $("alert").textContent = "";
    $("alert").classList.remove("shown");
    $("notice").textContent = message;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { $("notice").textContent = ""; }, 6000);
  }
}

function signOut(clearMessages) {
  credential.clear();
  // Reloading is the simplest way back to a clean page; keep an error on screen by not reloading then.
  if (clearMessages) {
    window.location.replace(window.location.pathname);
    return;
  }
  for (const id of ["labeling", "admin", "sign-out", "timer-box"]) show($(id), false);
  $("who").textContent = "";
  $("progress").textContent = "";
  show($("signin"));
  $("token").focus();
}

const INSTRUCTIONS_KEY = "instructgpt.label.instructions";

async function start() {
  takeTokenFromLink();
  // The instructions stay open until the labeler closes them, and stay as they left them.
  const instructions = $("instructions");
  instructions.open = localStorage.getItem(INSTRUCTIONS_KEY) !== "closed";
  instructions.addEventListener("toggle", () => localStorage.setItem(INSTRUCTIONS_KEY, instructions.open ? "open" : "closed"));
  $("sign-out").addEventListener("click", () => signOut(true));
  $("signin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const token = $("token").value.trim();
    if (!token) {
      report("Enter a token first.", true);
      return;
    }
    credential.set(token);
    // A fresh page for the new credential: no listeners or state left from a view shown before.
    window.location.replace(window.location.pathname);
  });
  begin();
}

async function begin() {
  show($("loading"), false);
  if (!credential.get()) {
    show($("signin"));
    return;
  }
  show($("loading"));
  let me;
  try {
    me = await api.me();
  } catch (e) {
    show($("loading"), false);
    report(e.message, true, e);
    if (e.status !== 401) show($("signin"));
    return;
  }
  show($("loading"), false);
  show($("sign-out"));
  $("alert").textContent = "";
  $("alert").classList.remove("shown");
  if (me.object === "admin") {
    $("who").textContent = "Signed in with the API key";
    startAdmin(report);
  } else {
    $("who").textContent = `Signed in as ${me.name}`;
    startLabeling(me, report);
  }
}

start();
