using System.Text.Json;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Chat;

/// <summary>
/// OpenAI's chat fields this server does not implement: a value that asks for nothing (an empty list, "none",
/// {"type": "text"}) passes; one that asks for a feature the models lack is a 400 naming the field, rather than an
/// answer that silently ignores it. Fields that change nothing here (store, metadata, service_tier,
/// parallel_tool_calls, a message's refusal) are accepted and ignored.
/// </summary>
public static class ChatUnsupportedFields
{
    public static void Check(ChatRequest request)
    {
        if (request.LogitBias is { Count: > 0 })
            throw Unsupported("logit_bias", "this server does not support logit biases; leave it out or send {}");
        if (request.ResponseFormat is { } format && !IsTextFormat(format))
            throw Unsupported("response_format", "this server does not constrain output to JSON; only {\"type\": \"text\"} is accepted");
        if (IsNonEmptyList(request.Tools)) throw Unsupported("tools", "the models served here do not call tools; leave it out or send []");
        if (IsNonEmptyList(request.Functions)) throw Unsupported("functions", "the models served here do not call functions; leave it out");
        if (!IsNone(request.ToolChoice)) throw Unsupported("tool_choice", "the models served here do not call tools; only \"none\" is accepted");
        if (!IsNone(request.FunctionCall)) throw Unsupported("function_call", "the models served here do not call functions; only \"none\" is accepted");
        if (request.Modalities is { } modalities && modalities.Any(m => m != "text"))
            throw Unsupported("modalities", "the models served here write text only; only [\"text\"] is accepted");
        if (request.ReasoningEffort is not null) throw Unsupported("reasoning_effort", "the models served here do not reason before answering; leave it out");
        if (IsPresent(request.Prediction)) throw Unsupported("prediction", "predicted outputs are not supported; leave it out");
        if (IsPresent(request.Audio)) throw Unsupported("audio", "the models served here write text only; leave it out");
        if (IsPresent(request.WebSearchOptions)) throw Unsupported("web_search_options", "this server does not search the web; leave it out");

        for (var i = 0; i < (request.Messages?.Count ?? 0); i++)
        {
            var m = request.Messages![i];
            if (m is null) continue; // the chat template reports a null message
            if (IsNonEmptyList(m.ToolCalls)) throw Unsupported($"messages[{i}].tool_calls", "the models served here do not call tools");
            if (m.ToolCallId is not null) throw Unsupported($"messages[{i}].tool_call_id", "the models served here do not call tools");
            if (IsPresent(m.FunctionCall)) throw Unsupported($"messages[{i}].function_call", "the models served here do not call functions");
            if (IsPresent(m.Audio)) throw Unsupported($"messages[{i}].audio", "the models served here write text only");
        }
    }

    private static InvalidRequestException Unsupported(string field, string why) =>
        new($"Invalid value for '{field}': {why}.", field, "unsupported_parameter");

    private static bool IsPresent(JsonElement? value) => value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };

    private static bool IsNonEmptyList(JsonElement? value) =>
        IsPresent(value) && !(value!.Value.ValueKind == JsonValueKind.Array && value.Value.GetArrayLength() == 0);

    private static bool IsNone(JsonElement? value) =>
        !IsPresent(value) || value!.Value.ValueKind == JsonValueKind.String && value.Value.GetString() == "none";

    private static bool IsTextFormat(JsonElement format) =>
        format.ValueKind == JsonValueKind.Null
        || format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text";
}
