using System.Runtime.CompilerServices;
using InstructGpt.Api.Auth;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.OpenApi;
using InstructGpt.Api.Serving;
using InstructGpt.Api.Streaming;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Completions;

/// <summary>POST /v1/completions: OpenAI's (and vLLM's) legacy completions API.</summary>
public static class CompletionsApi
{
    public static IEndpointRouteBuilder MapCompletionsApi(this IEndpointRouteBuilder app)
    {
        var auth = app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value;
        var group = app.MapGroup("/v1").WithTags("Completions");
        group.MapPost("/completions", CreateCompletionAsync)
            .WithName("CreateCompletion")
            .WithSummary("Complete prompts")
            .WithDescription("Completes one or more prompts with a checkpoint. With \"stream\": true the answer is a stream of " +
                "Server-Sent Events: chunks shaped like the response, an optional usage chunk (stream_options.include_usage), then data: [DONE]. " +
                "Requests for the same model are decoded together (continuous batching); when too many wait, the answer is 429 with Retry-After.")
            .WithExamples(ApiExamples.CompletionRequest, ApiExamples.CompletionResponse)
            .RequireApiKey(auth.RequireKeyForCompletions);
        return app;
    }

    public static async Task<Results<Ok<CompletionResponse>, EventStreamResult, ApiError>> CreateCompletionAsync(
        CompletionRequest request, ModelPool pool, IOptions<ServingOptions> serving, HttpContext http, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(CompletionsApi).FullName!);
        if (request.Prompt is not { } prompt) throw new InvalidRequestException("You must provide a prompt: a string, an array of strings, or token ids.", "prompt");
        CheckUnsupported(request);
        var fields = new SamplingFields(request.MaxTokens, request.Temperature, request.TopP, request.TopK, request.N, request.Stop,
            request.Seed, request.Logprobs, request.Echo ?? false, request.IgnoreEos ?? false);
        var stream = request.Stream ?? false;
        if (request.StreamOptions is not null && !stream)
            throw new InvalidRequestException("'stream_options' is only allowed when 'stream' is true.", "stream_options");
        var sampling = fields.ToOptions(SamplingFields.DefaultMaxTokens);
        if (request.BestOf is { } bestOf && bestOf != sampling.N)
            throw new InvalidRequestException($"Invalid value for 'best_of': only best_of equal to n ({sampling.N}) is supported (got {bestOf}).", "best_of");
        using var scope = logger.BeginScope("Model {Model}, user {User}", request.Model, request.User);

        var started = await GenerationStart.StartAsync(pool, serving.Value, request.Model, "cmpl-",
            served => Tokenize(prompt, served), (_, _) => sampling, stream, http, logger,
            outside => prompt.IsArray ? $"prompt[{outside.Prompt}][{outside.Position}]" : $"prompt[{outside.Position}]");
        if (stream) return new EventStreamResult(StreamChunks(started, request.StreamOptions?.IncludeUsage ?? false, http.RequestAborted));

        var result = await started.Stream.Completion;
        return TypedResults.Ok(new CompletionResponse(started.Id, "text_completion", started.Created, started.Model.Name,
            result.Sequences.Select((s, i) => new CompletionChoice(s.Text, i, Logprobs(s.Logprobs), FinishReasonName(s.FinishReason))).ToList(),
            new Usage(result.PromptTokens, result.CompletionTokens, result.PromptTokens + result.CompletionTokens)));
    }

    private static void CheckUnsupported(CompletionRequest request)
    {
        if (request.PresencePenalty is { } presence && presence != 0)
            throw new InvalidRequestException($"Invalid value for 'presence_penalty': this server does not apply penalties; use 0 or leave it out (got {presence}).", "presence_penalty");
        if (request.FrequencyPenalty is { } frequency && frequency != 0)
            throw new InvalidRequestException($"Invalid value for 'frequency_penalty': this server does not apply penalties; use 0 or leave it out (got {frequency}).", "frequency_penalty");
        if (request.LogitBias is { Count: > 0 })
            throw new InvalidRequestException("Invalid value for 'logit_bias': this server does not support logit biases; leave it out or send {}.", "logit_bias");
        if (!string.IsNullOrEmpty(request.Suffix))
            throw new InvalidRequestException("Invalid value for 'suffix': this server does not support suffixes (insertion); leave it out.", "suffix");
        if (request.User is { Length: > 256 })
            throw new InvalidRequestException($"Invalid value for 'user': at most 256 characters (got {request.User.Length}).", "user");
    }

    private static IReadOnlyList<IReadOnlyList<int>> Tokenize(PromptInput prompt, ServedModel model)
    {
        // Token ids are checked against the vocabulary by the scheduler (PromptBatch.Check), named by the field above.
        if (prompt.TokenIds is { } ids) return ids.Select(p => (IReadOnlyList<int>)p).ToList();
        return prompt.Texts!.Select(t => (IReadOnlyList<int>)model.Tokenizer.Encode(t)).ToList();
    }

    private static async IAsyncEnumerable<object> StreamChunks(StartedGeneration started, bool includeUsage, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var delta in started.Stream.Deltas.ReadAllAsync(cancellation))
            yield return Chunk(started, [new CompletionChoice(delta.Text, delta.Index, Logprobs(delta.Logprobs), delta.FinishReason is { } f ? FinishReasonName(f) : null)], null);
        var result = await started.Stream.Completion;
        if (includeUsage)
            yield return Chunk(started, [], new Usage(result.PromptTokens, result.CompletionTokens, result.PromptTokens + result.CompletionTokens));
    }

    private static CompletionResponse Chunk(StartedGeneration started, IReadOnlyList<CompletionChoice> choices, Usage? usage) =>
        new(started.Id, "text_completion", started.Created, started.Model.Name, choices, usage);

    public static string FinishReasonName(FinishReason reason) => reason == FinishReason.Stop ? "stop" : "length";

    private static CompletionLogprobs? Logprobs(IReadOnlyList<TokenLogprob>? entries)
    {
        if (entries is null) return null;
        return new CompletionLogprobs(
            entries.Select(e => e.Token).ToList(),
            entries.Select(e => e.Logprob).ToList(),
            entries.Select(e => e.Logprob is null ? null : TopDictionary(e.Top)).ToList(),
            entries.Select(e => e.TextOffset).ToList());
    }

    /// <summary>Token text → logprob; two ids with the same text (e.g. halves of one character) keep the likelier.</summary>
    private static Dictionary<string, double> TopDictionary(IReadOnlyList<TopLogprob> top)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in top)
            if (!result.TryGetValue(t.Token, out var existing) || existing < t.Logprob) result[t.Token] = t.Logprob;
        return result;
    }
}
