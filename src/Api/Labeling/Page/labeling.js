// The labeler's view: one task at a time, its draft kept in localStorage, submit and skip, progress and the timer.
import { api } from "./api.js";
import { $, clock, el, show } from "./dom.js";
import { clearDrafts, constraintsApply, loadDraft, saveDraft } from "./draft.js";
import { missingRanking, rankingOf, renderRanking } from "./ranking.js";
import { missingRatings, ratingsOf, renderRatings } from "./rating.js";

/** Starts labeling for <labeler>; report(message, error) shows notices and errors. */
export function startLabeling(labeler, report) {
  let task = null;
  let draft = null;
  let ticking = null;
  let busy = false;

  const save = () => {
    if (task) saveDraft(labeler.id, task.id, draft);
  };

  const tick = () => {
    if (!task || document.hidden) return;
    draft.seconds += 1;
    $("timer").textContent = clock(draft.seconds);
    save();
  };

  const missing = () => (task ? [...missingRatings(task, draft), ...missingRanking(task, draft)] : []);

  const showMissing = (emphasise) => {
    const items = missing();
    $("missing-title").textContent = items.length === 0 ? "Everything is answered." : `Still missing (${items.length}):`;
    const shown = items.slice(0, 12).map((text) => el("li", { text }));
    if (items.length > 12) shown.push(el("li", { text: `… and ${items.length - 12} more` }));
    $("missing").replaceChildren(...shown);
    $("missing-box").classList.toggle("complete", items.length === 0);
    $("missing-box").classList.toggle("emphasise", Boolean(emphasise) && items.length > 0);
    return items;
  };

  const changed = () => {
    save();
    showMissing(false);
  };

  const setBusy = (value) => {
    busy = value;
    $("submit").disabled = value;
    $("skip").disabled = value;
  };

  const renderTask = (assignment) => {
    task = assignment.task;
    // With nothing left the server counts one page past the end; say it plainly instead.
    $("progress").textContent = task ? `Page ${assignment.page} / ${assignment.total}` : `${assignment.total} / ${assignment.total} done`;
    show($("task"), Boolean(task));
    show($("done"), !task);
    show($("timer-box"), Boolean(task));
    if (!task) {
      clearDrafts(labeler.id, null);
      return;
    }
    clearDrafts(labeler.id, task.id);
    draft = loadDraft(labeler.id, task);
    $("prompt").textContent = task.prompt;
    $("category").textContent = task.category ? task.category.replaceAll("_", " ") : "";
    show($("category"), Boolean(task.category));
    show($("constraints-box"), constraintsApply(task));
    $("constraints").replaceChildren(...(task.constraints || []).map((c) => el("li", { class: "untrusted", text: c })));
    renderRatings($("outputs"), task, draft, changed);
    renderRanking($("ranking"), task, draft, changed);
    $("comment").value = draft.comment;
    $("timer").textContent = clock(draft.seconds);
    $("task").dataset.taskId = String(task.id);
    showMissing(false);
  };

  const loadNext = async () => {
    setBusy(true);
    try {
      renderTask(await api.next());
    } catch (e) {
      report(e.message, true, e);
    } finally {
      setBusy(false);
    }
  };

  $("comment").addEventListener("input", () => {
    if (!draft) return;
    draft.comment = $("comment").value;
    save();
  });

  $("submit").addEventListener("click", async () => {
    if (!task || busy) return;
    const items = showMissing(true);
    if (items.length > 0) {
      report(`This task is not complete: ${items.length} ${items.length === 1 ? "thing is" : "things are"} missing (listed next to Submit).`, true);
      $("missing-box").focus();
      return;
    }
    setBusy(true);
    const done = task;
    try {
      await api.submit(done.id, { ratings: ratingsOf(done, draft), ranking: rankingOf(done, draft), comment: draft.comment, seconds: draft.seconds });
      clearDrafts(labeler.id, null);
      report(`Task ${done.id} submitted.`, false);
      await loadNext();
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (e.status === 400) {
        $("missing-title").textContent = "The server refused the submission:";
        $("missing").replaceChildren(el("li", { text: e.message }));
      }
      report(e.message, true, e);
    } finally {
      setBusy(false);
    }
  });

  $("skip").addEventListener("click", async () => {
    if (!task || busy) return;
    setBusy(true);
    const skipped = task;
    try {
      await api.skip(skipped.id, draft.comment.trim() || undefined);
      clearDrafts(labeler.id, null);
      report(`Task ${skipped.id} skipped.`, false);
      await loadNext();
      window.scrollTo({ top: 0 });
    } catch (e) {
      report(e.message, true, e);
    } finally {
      setBusy(false);
    }
  });

  ticking = setInterval(tick, 1000);
  window.addEventListener("pagehide", save);
  show($("labeling"));
  loadNext();
  return () => clearInterval(ticking);
}
