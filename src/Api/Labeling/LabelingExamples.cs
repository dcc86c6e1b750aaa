namespace InstructGpt.Api.Labeling;

/// <summary>Example bodies of the labeling endpoints, shown in Swagger UI.</summary>
public static class LabelingExamples
{
    public const string LabelerRequest = """{"name": "alice"}""";

    public const string LabelerWithToken = """
        {"object": "labeler", "id": "lbl_3f9a0c1d2e4b5a67", "name": "alice", "token": "igpt-lbl-5d41402abc4b2a76b9719d911017c592aa00ba7d3c1e2f40",
         "created_at": 1767225600, "revoked_at": null}
        """;

    public const string LabelerList = """
        {"object": "list", "data": [{"object": "labeler", "id": "lbl_3f9a0c1d2e4b5a67", "name": "alice", "created_at": 1767225600, "revoked_at": null}]}
        """;

    public const string RevokedLabeler = """
        {"object": "labeler", "id": "lbl_3f9a0c1d2e4b5a67", "name": "alice", "created_at": 1767225600, "revoked_at": 1767229200}
        """;

    public const string Me = """{"object": "labeler", "id": "lbl_3f9a0c1d2e4b5a67", "name": "alice", "submitted": 3, "skipped": 1}""";

    public const string BatchRequest = """
        {"name": "rm-round-1", "prompts": {"eval_set": "test"}, "max_prompts": 20, "models": ["sft", "ppo"], "outputs_per_prompt": 4,
         "sampling": {"temperature": 0.7, "top_p": 1.0, "max_tokens": 64, "seed": 1}, "overlap": 2}
        """;

    public const string QueuedBatch = """
        {"object": "labeling.batch", "id": "lb-9c2f4e6a8b0d1c3e5f7a9b1d", "name": "rm-round-1", "status": "queued", "models": ["sft", "ppo"],
         "prompts": {"eval_set": "test"}, "max_prompts": 20, "outputs_per_prompt": 4, "overlap": 2,
         "sampling": {"temperature": 0.7, "top_p": 1.0, "max_tokens": 64, "seed": 1},
         "progress": {"sampling": 0, "tasks": 0, "submissions": 0, "required_submissions": 0, "skips": 0, "labeling": 0},
         "error": null, "created_at": 1767225600, "finished_at": null}
        """;

    public const string ReadyBatch = """
        {"object": "labeling.batch", "id": "lb-9c2f4e6a8b0d1c3e5f7a9b1d", "name": "rm-round-1", "status": "ready", "models": ["sft", "ppo"],
         "prompts": {"eval_set": "test"}, "max_prompts": 20, "outputs_per_prompt": 4, "overlap": 2,
         "sampling": {"temperature": 0.7, "top_p": 1.0, "max_tokens": 64, "seed": 1},
         "progress": {"sampling": 1, "tasks": 20, "submissions": 7, "required_submissions": 40, "skips": 1, "labeling": 0.175},
         "error": null, "created_at": 1767225600, "finished_at": null}
        """;

    public const string BatchList = $$"""{"object": "list", "data": [{{ReadyBatch}}], "has_more": false}""";

    public const string CancelledBatch = """
        {"object": "labeling.batch", "id": "lb-9c2f4e6a8b0d1c3e5f7a9b1d", "name": "rm-round-1", "status": "cancelled", "models": ["sft", "ppo"],
         "prompts": {"eval_set": "test"}, "max_prompts": 20, "outputs_per_prompt": 4, "overlap": 2,
         "sampling": {"temperature": 0.7, "top_p": 1.0, "max_tokens": 64, "seed": 1},
         "progress": {"sampling": 1, "tasks": 20, "submissions": 7, "required_submissions": 40, "skips": 1, "labeling": 0.175},
         "error": null, "created_at": 1767225600, "finished_at": 1767232800}
        """;

    public const string Task = """
        {"object": "labeling.task", "id": 42, "batch_id": "lb-9c2f4e6a8b0d1c3e5f7a9b1d", "prompt": "Write a haiku about rain.", "category": "generation",
         "constraints": [], "outputs": [{"label": "A", "text": "Soft rain taps the roof"}, {"label": "B", "text": "rain rain rain"}], "assigned_at": 1767226000}
        """;

    public const string Assignment = $$"""{"object": "labeling.assignment", "task": {{Task}}, "page": 3, "total": 11}""";

    public const string SubmissionRequest = """
        {"ratings": [{"output": "A", "likert": 6, "flags": {"fails_to_follow_instruction": false, "hallucination": null}},
                     {"output": "B", "likert": 2, "flags": {"fails_to_follow_instruction": true}}],
         "ranking": [["A"], ["B"]], "comment": "B repeats one word.", "seconds": 83.5}
        """;

    public const string Submission = """{"object": "labeling.submission", "task_id": 42, "rating_ids": [101, 102], "comparison_id": 7}""";

    public const string SkipRequest = """{"reason": "I cannot judge medical advice."}""";

    public const string Skip = """{"object": "labeling.skip", "task_id": 42}""";

    public const string TaskList = """
        {"object": "list", "data": [{"object": "labeling.task", "id": 42, "batch_id": "lb-9c2f4e6a8b0d1c3e5f7a9b1d", "prompt_id": "test-0007",
         "prompt": "Write a haiku about rain.", "category": "generation", "constraints": [],
         "outputs": [{"label": "A", "text": "Soft rain taps the roof", "model": "ppo"}, {"label": "B", "text": "rain rain rain", "model": "sft"}],
         "submissions": [{"labeler": "alice", "status": "submitted", "assigned_at": 1767226000, "finished_at": 1767226084, "seconds": 83.5,
                          "comparison_id": 7, "skip_reason": null}],
         "assignments": [{"labeler": "alice", "status": "submitted", "assigned_at": 1767226000, "finished_at": 1767226084, "seconds": 83.5,
                          "comparison_id": 7, "skip_reason": null}]}],
         "total": 20, "has_more": true}
        """;

    public const string Agreement = """
        {"object": "labeling.agreement", "batch_id": "lb-9c2f4e6a8b0d1c3e5f7a9b1d",
         "overall": {"tasks": 3, "pairs": 18, "agreements": 13, "rate": 0.722},
         "labeler_pairs": [{"labelers": ["alice", "bob"], "tasks": 3, "pairs": 18, "agreements": 13, "rate": 0.722}],
         "reference_labeler": "simulated labeler (seed 2)",
         "reference": [{"labeler": "alice", "tasks": 5, "pairs": 30, "agreements": 20, "rate": 0.667}]}
        """;
}
