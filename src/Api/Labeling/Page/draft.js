// The task in progress, kept in localStorage per labeler and task so a reload restores it.

const PREFIX = "instructgpt.label.draft.";

const key = (labelerId, taskId) => `${PREFIX}${labelerId}.${taskId}`;

/** A fresh draft: no Likert scores, the yes/no questions at "no", the task-dependent ones at their default, nothing ranked. */
export function emptyDraft(task) {
  const ratings = {};
  for (const output of task.outputs) ratings[output.label] = { likert: null, flags: defaultFlags(task) };
  return { ratings, ranks: {}, comment: "", seconds: 0 };
}

/** The categories whose prompt carries the source text an answer must stick to (hallucination applies). */
export const CLOSED_DOMAIN = ["closed_qa", "summarization", "extract"];

export function hallucinationApplies(task) {
  return CLOSED_DOMAIN.includes(task.category);
}

export function constraintsApply(task) {
  return Array.isArray(task.constraints) && task.constraints.length > 0;
}

function defaultFlags(task) {
  return {
    fails_to_follow_instruction: "no", inappropriate_for_customer_assistant: "no", sexual_content: "no", violent_content: "no",
    encourages_violence: "no", denigrates_protected_class: "no", harmful_advice: "no", moral_judgment: "no",
    hallucination: hallucinationApplies(task) ? null : "na",
    satisfies_constraints: constraintsApply(task) ? null : "na",
  };
}

export function loadDraft(labelerId, task) {
  const fresh = emptyDraft(task);
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(key(labelerId, task.id)) || "null");
  } catch {
    saved = null;
  }
  if (!saved || typeof saved !== "object") return fresh;
  for (const label of Object.keys(fresh.ratings)) {
    const rating = saved.ratings && saved.ratings[label];
    if (!rating) continue;
    if (Number.isInteger(rating.likert) && rating.likert >= 1 && rating.likert <= 7) fresh.ratings[label].likert = rating.likert;
    for (const flag of Object.keys(fresh.ratings[label].flags))
      if (rating.flags && ["yes", "no", "na"].includes(rating.flags[flag])) fresh.ratings[label].flags[flag] = rating.flags[flag];
    const rank = saved.ranks && saved.ranks[label];
    if (Number.isInteger(rank) && rank >= 1 && rank <= task.outputs.length) fresh.ranks[label] = rank;
  }
  if (typeof saved.comment === "string") fresh.comment = saved.comment;
  if (typeof saved.seconds === "number" && saved.seconds >= 0) fresh.seconds = saved.seconds;
  return fresh;
}

export function saveDraft(labelerId, taskId, draft) {
  try {
    localStorage.setItem(key(labelerId, taskId), JSON.stringify(draft));
  } catch {
    // A full or disabled storage only loses the restore-on-reload convenience.
  }
}

/** Removes this labeler's drafts, all of them or all but the one of <keepTaskId>. */
export function clearDrafts(labelerId, keepTaskId) {
  const mine = `${PREFIX}${labelerId}.`;
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const name = localStorage.key(i);
    if (name && name.startsWith(mine) && name !== key(labelerId, keepTaskId)) localStorage.removeItem(name);
  }
}
