using System.Globalization;
using InstructGpt.Api.Errors;
using InstructGpt.Inference.Generation;

namespace InstructGpt.Api.Completions;

/// <summary>The sampling fields completions and chat share, checked with messages that name the field and its range.</summary>
public sealed record SamplingFields(
    int? MaxTokens, double? Temperature, double? TopP, int? TopK, int? N, StopInput? Stop, long? Seed, int? Logprobs, bool Echo, bool IgnoreEos)
{
    public const int DefaultMaxTokens = 16; // OpenAI's default for /v1/completions

    /// <summary>The options to sample with; throws <see cref="InvalidRequestException"/> for the first field out of range.</summary>
    /// <param name="maxTokensField">The field's name in the request ("max_tokens", or chat's "max_completion_tokens").</param>
    public SamplingOptions ToOptions(int defaultMaxTokens, string maxTokensField = "max_tokens", string logprobsField = "logprobs")
    {
        var maxTokens = MaxTokens ?? defaultMaxTokens;
        if (maxTokens < 0 || (maxTokens == 0 && !Echo))
            throw Invalid(maxTokensField, maxTokens, Echo ? "an integer >= 0" : "an integer >= 1 (0 only with echo)");
        var temperature = Temperature ?? 1.0;
        if (temperature is < 0 or > 2) throw Invalid("temperature", temperature, "a number in [0, 2]");
        var topP = TopP ?? 1.0;
        if (topP is <= 0 or > 1) throw Invalid("top_p", topP, "a number in (0, 1]");
        var topK = TopK ?? 0;
        if (topK < -1) throw Invalid("top_k", topK, "-1 or 0 (all tokens) or a positive count");
        var n = N ?? 1;
        if (n is < 1 or > SamplingOptions.MaxN) throw Invalid("n", n, $"an integer in [1, {SamplingOptions.MaxN}]");
        if (Logprobs is { } lp && lp is < 0 or > SamplingOptions.MaxLogprobs) throw Invalid(logprobsField, lp, $"an integer in [0, {SamplingOptions.MaxLogprobs}]");
        var stops = Stop?.Sequences ?? [];
        if (stops.Count > SamplingOptions.MaxStopSequences)
            throw new InvalidRequestException($"Invalid value for 'stop': at most {SamplingOptions.MaxStopSequences} stop sequences are allowed (got {stops.Count}).", "stop");
        for (var i = 0; i < stops.Count; i++)
            if (stops[i].Length == 0) throw new InvalidRequestException($"Invalid value for 'stop[{i}]': stop sequences must be non-empty strings.", $"stop[{i}]");

        var options = new SamplingOptions
        {
            MaxTokens = maxTokens,
            Temperature = temperature,
            TopP = topP,
            TopK = topK,
            N = n,
            Stop = stops,
            Seed = Seed is { } seed ? unchecked((ulong)seed) : null,
            Logprobs = Logprobs,
            Echo = Echo,
            IgnoreEos = IgnoreEos,
        };
        try
        {
            return options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException(CleanMessage(e), e.ParamName);
        }
    }

    private static InvalidRequestException Invalid(string field, object value, string allowed) =>
        new($"Invalid value for '{field}': must be {allowed} (got {Convert.ToString(value, CultureInfo.InvariantCulture)}).", field);

    /// <summary>An <see cref="ArgumentException"/>'s message without the " (Parameter 'x')" and "Actual value was" lines .NET adds.</summary>
    public static string CleanMessage(ArgumentException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        var actual = message.IndexOf("\nActual value was", StringComparison.Ordinal);
        if (actual >= 0) message = message[..actual];
        if (e is ArgumentOutOfRangeException { ActualValue: { } value } && !message.Contains("(got", StringComparison.Ordinal))
            message += $" (got {Convert.ToString(value, CultureInfo.InvariantCulture)})";
        return message.TrimEnd('.') + ".";
    }
}
