using System.Runtime.CompilerServices;
using InstructGpt.Api.Auth;
using InstructGpt.Api.Completions;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.OpenApi;
using InstructGpt.Api.Serving;
using InstructGpt.Api.Streaming;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Serving;
using InstructGpt.Inference.Tokenization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Chat;

/// <summary>POST /v1/chat/completions: conversations rendered with <see cref="ChatTemplate"/> and completed by a checkpoint.</summary>
public static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var auth = app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value;
        var group = app.MapGroup("/v1/chat").WithTags("Chat");
        group.MapPost("/completions", CreateChatCompletionAsync)
            .WithName("CreateChatCompletion")
            .WithSummary("Answer a conversation")
            .WithDescription("Renders the messages with the chat template (system preamble, then \"Human: ...\\nAI: ...\" turns, ending in \"AI:\") " +
                "and returns the model's continuation as the assistant's message. Generation stops at the end of text, at \"\\nHuman:\", or at a stop sequence. " +
                "With \"stream\": true the answer is a stream of chat.completion.chunk Server-Sent Events ending in data: [DONE].")
            .WithExamples(ApiExamples.ChatRequest, ApiExamples.ChatResponse)
            .RequireApiKey(auth.RequireKeyForCompletions);
        return app;
    }

    public static async Task<Results<Ok<ChatCompletionResponse>, EventStreamResult, ApiError>> CreateChatCompletionAsync(
        ChatRequest request, ModelPool pool, IOptions<ServingOptions> serving, HttpContext http, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ChatApi).FullName!);
        if (request.Messages is null) throw new InvalidRequestException("Missing required parameter: 'messages'.", "messages");
        if (request.Messages.Count == 0) throw new InvalidRequestException("Invalid value for 'messages': give at least one message.", "messages");
        ChatUnsupportedFields.Check(request);
        var prompt = ChatTemplate.Render(request.Messages);
        if (request.PresencePenalty is { } presence && presence != 0)
            throw new InvalidRequestException($"Invalid value for 'presence_penalty': this server does not apply penalties; use 0 or leave it out (got {presence}).", "presence_penalty");
        if (request.FrequencyPenalty is { } frequency && frequency != 0)
            throw new InvalidRequestException($"Invalid value for 'frequency_penalty': this server does not apply penalties; use 0 or leave it out (got {frequency}).", "frequency_penalty");
        if (request.TopLogprobs is not null && request.Logprobs != true)
            throw new InvalidRequestException("'top_logprobs' requires 'logprobs' to be true.", "top_logprobs");
        var stream = request.Stream ?? false;
        if (request.StreamOptions is not null && !stream)
            throw new InvalidRequestException("'stream_options' is only allowed when 'stream' is true.", "stream_options");

        var stops = (request.Stop?.Sequences ?? []).ToList();
        if (stops.Count < InstructGpt.Inference.Generation.SamplingOptions.MaxStopSequences && !stops.Contains(ChatTemplate.NextTurnStop)) stops.Add(ChatTemplate.NextTurnStop);
        var maxTokensField = request.MaxCompletionTokens is not null ? "max_completion_tokens" : "max_tokens";
        var fields = new SamplingFields(request.MaxCompletionTokens ?? request.MaxTokens, request.Temperature, request.TopP, request.TopK, request.N,
            new StopInput(stops), request.Seed, request.Logprobs == true ? request.TopLogprobs ?? 0 : null, Echo: false, IgnoreEos: false);
        // Once, and before the model is loaded; an unset length becomes what the rendered conversation leaves room for.
        var sampling = fields.ToOptions(serving.Value.DefaultChatMaxTokens, maxTokensField, "top_logprobs");
        using var scope = logger.BeginScope("Model {Model}, user {User}", request.Model, request.User);

        var started = await GenerationStart.StartAsync(pool, serving.Value, request.Model, "chatcmpl-",
            served => [served.Tokenizer.Encode(prompt)],
            // A conversation that already fills the context asks for one token, which the scheduler refuses with the context-length message.
            (served, promptTokens) => fields.MaxTokens is null ? sampling with { MaxTokens = Math.Clamp(served.Model.Config.NPositions - promptTokens, 1, sampling.MaxTokens) } : sampling,
            // Too long for the context: the field to change is the conversation unless a length was asked for.
            stream, http, logger, contextField: fields.MaxTokens is null ? "messages" : maxTokensField);
        var tokenizer = started.Model.Tokenizer;
        if (stream) return new EventStreamResult(StreamChunks(started, request.StreamOptions?.IncludeUsage ?? false, http.RequestAborted));

        var result = await started.Stream.Completion;
        var choices = result.Sequences.Select((s, i) =>
        {
            var skipped = s.Text.Length - s.Text.TrimStart().Length;
            return new ChatChoice(i, new ChatAnswer("assistant", s.Text[skipped..]), Logprobs(s.Logprobs, tokenizer), CompletionsApi.FinishReasonName(s.FinishReason));
        }).ToList();
        return TypedResults.Ok(new ChatCompletionResponse(started.Id, "chat.completion", started.Created, started.Model.Name, choices,
            new Usage(result.PromptTokens, result.CompletionTokens, result.PromptTokens + result.CompletionTokens)));
    }

    private static async IAsyncEnumerable<object> StreamChunks(StartedGeneration started, bool includeUsage, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var tokenizer = started.Model.Tokenizer;
        var choices = started.PromptCount * started.Options.N;
        // OpenAI opens each choice with a chunk that carries only the role.
        for (var i = 0; i < choices; i++)
            yield return Chunk(started, [new ChatChunkChoice(i, new ChatDelta("assistant", ""), null, null)], null);
        var begun = new bool[choices]; // whether a choice has sent non-whitespace content (leading whitespace is dropped)
        await foreach (var delta in started.Stream.Deltas.ReadAllAsync(cancellation))
        {
            var text = delta.Text;
            if (!begun[delta.Index])
            {
                text = text.TrimStart();
                begun[delta.Index] = text.Length > 0;
            }
            if (text.Length == 0 && delta.FinishReason is null && delta.Logprobs is not { Count: > 0 }) continue;
            yield return Chunk(started, [new ChatChunkChoice(delta.Index, new ChatDelta(null, text.Length > 0 || delta.FinishReason is null ? text : null),
                Logprobs(delta.Logprobs, tokenizer), delta.FinishReason is { } f ? CompletionsApi.FinishReasonName(f) : null)], null);
        }
        var result = await started.Stream.Completion;
        if (includeUsage)
            yield return Chunk(started, [], new Usage(result.PromptTokens, result.CompletionTokens, result.PromptTokens + result.CompletionTokens));
    }

    private static ChatCompletionChunk Chunk(StartedGeneration started, IReadOnlyList<ChatChunkChoice> choices, Usage? usage) =>
        new(started.Id, "chat.completion.chunk", started.Created, started.Model.Name, choices, usage);

    private static ChatLogprobs? Logprobs(IReadOnlyList<TokenLogprob>? entries, ITokenizer tokenizer) =>
        entries is null ? null : new ChatLogprobs(entries.Select(e => new ChatTokenLogprob(e.Token, e.Logprob ?? 0, Bytes(tokenizer, e.TokenId),
            e.Top.Select(t => new ChatTopLogprob(t.Token, t.Logprob, Bytes(tokenizer, t.TokenId))).ToList())).ToList());

    private static int[] Bytes(ITokenizer tokenizer, int id) => tokenizer.TokenBytes(id).Select(b => (int)b).ToArray();
}
