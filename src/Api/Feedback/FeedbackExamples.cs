namespace InstructGpt.Api.Feedback;

/// <summary>Example bodies of the feedback endpoints, shown in Swagger UI.</summary>
public static class FeedbackExamples
{
    public const string RatingRequest = """
        {"prompt": "Explain what a lighthouse is.\n", "output": "A lighthouse is a tower with a bright light that guides ships.", "model": "ppo",
         "likert": 6, "flags": {"fails_to_follow_instruction": false, "inappropriate_for_customer_assistant": false, "sexual_content": false,
         "violent_content": false, "encourages_violence": false, "denigrates_protected_class": false, "harmful_advice": false, "moral_judgment": false},
         "comment": "Clear and short.", "labeler": "alice"}
        """;

    public const string Rating = """
        {"id": 42, "object": "feedback.rating", "prompt_id": null, "prompt": "Explain what a lighthouse is.\n",
         "output": "A lighthouse is a tower with a bright light that guides ships.", "model": "ppo", "likert": 6,
         "flags": {"fails_to_follow_instruction": false, "inappropriate_for_customer_assistant": false}, "comment": "Clear and short.",
         "labeler": "alice", "created_at": 1767225600}
        """;

    public const string RatingList = """
        {"object": "list", "data": [{"id": 42, "object": "feedback.rating", "prompt_id": null, "prompt": "Explain what a lighthouse is.\n",
         "output": "A lighthouse is a tower with a bright light that guides ships.", "model": "ppo", "likert": 6, "flags": {},
         "comment": null, "labeler": "alice", "created_at": 1767225600}], "first_id": 42, "last_id": 42, "has_more": false}
        """;

    public const string ComparisonRequest = """
        {"prompt": "Write a haiku about rain.\n", "outputs": ["Rain on the window", "Soft rain taps the roof, / the garden drinks slowly, / clouds drift east at dusk", "rain rain rain"],
         "ranking": [1, 0, 2], "labeler": "alice"}
        """;

    public const string Comparison = """
        {"id": 7, "object": "feedback.comparison", "prompt": "Write a haiku about rain.\n",
         "outputs": ["Rain on the window", "Soft rain taps the roof, / the garden drinks slowly, / clouds drift east at dusk", "rain rain rain"],
         "ranking": [1, 0, 2], "ranks": null, "labeler": "alice", "created_at": 1767225600}
        """;

    public const string ComparisonList = """
        {"object": "list", "data": [{"id": 7, "object": "feedback.comparison", "prompt": "Write a haiku about rain.\n",
         "outputs": ["Rain on the window", "rain rain rain"], "ranking": [0, 1], "ranks": null, "labeler": "alice", "created_at": 1767225600}],
         "first_id": 7, "last_id": 7, "has_more": false}
        """;

    public const string Export = """
        {"id":"feedback-comparison-7","prompt":"Write a haiku about rain.\n","completions":["Soft rain taps the roof, / the garden drinks slowly, / clouds drift east at dusk","Rain on the window","rain rain rain"]}
        {"id":"feedback-comparison-8","prompt":"Name a fruit.\n","completions":["Apple.","Pear.","Stone."],"ranks":[1,1,3]}
        """;
}
