namespace InstructGpt.Api.OpenApi;

/// <summary>Example bodies shown in Swagger UI.</summary>
public static class ApiExamples
{
    public const string CompletionRequest = """
        {"model": "sft", "prompt": "Write a short poem about the sea.\n\n", "max_tokens": 32, "temperature": 0.7, "top_p": 0.95, "n": 1, "stop": ["\n\n"], "seed": 42, "logprobs": 2}
        """;

    public const string CompletionResponse = """
        {"id": "cmpl-3f6c2b1e9a7d4c5b8e0f1a2b", "object": "text_completion", "created": 1767225600, "model": "sft",
         "choices": [{"text": "The sea is wide and blue,", "index": 0, "finish_reason": "length",
           "logprobs": {"tokens": ["The", " sea"], "token_logprobs": [-0.41, -0.12], "top_logprobs": [{"The": -0.41, "A": -1.3}, {" sea": -0.12, " ocean": -2.4}], "text_offset": [35, 38]}}],
         "usage": {"prompt_tokens": 9, "completion_tokens": 32, "total_tokens": 41}}
        """;

    public const string ChatRequest = """
        {"model": "ppo", "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": "What is a lighthouse?"}], "max_tokens": 48, "temperature": 0}
        """;

    public const string ChatResponse = """
        {"id": "chatcmpl-7a1d2c3b4e5f60718293a4b5", "object": "chat.completion", "created": 1767225600, "model": "ppo",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "Sure! A lighthouse is a tower with a bright light that guides ships."}, "logprobs": null, "finish_reason": "stop"}],
         "usage": {"prompt_tokens": 21, "completion_tokens": 16, "total_tokens": 37}}
        """;

    public const string Model = """
        {"id": "sft", "object": "model", "created": 1767225600, "owned_by": "instructgpt", "stage": "sft", "parent": "base", "kind": "language_model", "loaded": true, "context_length": 512}
        """;

    public const string Health = """{"status": "ok"}""";

    public const string Ready = """{"status": "ready", "loaded": ["sft"], "servable": ["base", "ppo", "rm", "sft"]}""";

    public const string Metrics = """
        # HELP instructgpt_generated_tokens_total Tokens sampled by the decode loop
        # TYPE instructgpt_generated_tokens_total counter
        instructgpt_generated_tokens_total{model="sft"} 1536
        # HELP instructgpt_queue_depth Requests waiting for room in the batch
        # TYPE instructgpt_queue_depth gauge
        instructgpt_queue_depth{model="sft"} 0
        """;

    public const string ModelList = """
        {"object": "list", "data": [
          {"id": "base", "object": "model", "created": 1767225000, "owned_by": "instructgpt", "stage": "base", "parent": null, "kind": "language_model", "loaded": false, "context_length": 512},
          {"id": "rm", "object": "model", "created": 1767226200, "owned_by": "instructgpt", "stage": "rm", "parent": "sft", "kind": "reward_model", "loaded": false, "context_length": 512},
          {"id": "sft", "object": "model", "created": 1767225600, "owned_by": "instructgpt", "stage": "sft", "parent": "base", "kind": "language_model", "loaded": true, "context_length": 512}]}
        """;

    public const string ScoreRequest = """
        {"model": "rm", "prompt": "Explain what a hammer is.", "completions": ["A hammer is a tool for driving nails.", "A hammer is a kind of fish."]}
        """;

    public const string ScoreResponse = """
        {"id": "score-3f6c2b1e9a7d4c5b8e0f1a2b", "object": "list", "created": 1767225600, "model": "rm",
         "data": [{"object": "score", "index": 0, "score": 1.84}, {"object": "score", "index": 1, "score": -0.62}],
         "usage": {"prompt_tokens": 38, "completion_tokens": 0, "total_tokens": 38}}
        """;
}
