using System.Globalization;
using InstructGpt.Api.Errors;
using InstructGpt.Inference.Generation;

namespace InstructGpt.Api.Completions;

/// <summary>The sampling fields completions and chat share, checked with messages that name the field and its range.</summary>
public sealed record SamplingFields(
    int? MaxTokens, double? Temperature, double? TopP, int? TopK, int? N, StopInput? Stop, long? Seed, int? Logprobs, bool Echo, bool IgnoreEos)
{
    public const int DefaultMaxTokens = 16; // OpenAI's default for /v1/completions

    /// <summary>
    /// The request turned into the options to sample with, once (vLLM's <c>to_sampling_params</c>); the ranges are
    /// <see cref="SamplingOptions.Validate"/>'s, answered as <see cref="InvalidRequestException"/> naming the field.
    /// </summary>
    /// <param name="maxTokensField">The field's name in the request ("max_tokens", or chat's "max_completion_tokens").</param>
    public SamplingOptions ToOptions(int defaultMaxTokens, string maxTokensField = "max_tokens", string logprobsField = "logprobs")
    {
        var options = new SamplingOptions
        {
            MaxTokens = MaxTokens ?? defaultMaxTokens,
            Temperature = Temperature ?? 1.0,
            TopP = TopP ?? 1.0,
            TopK = TopK ?? 0,
            N = N ?? 1,
            Stop = Stop?.Sequences ?? [],
            Seed = Seed is { } seed ? unchecked((ulong)seed) : null,
            Logprobs = Logprobs,
            Echo = Echo,
            IgnoreEos = IgnoreEos,
        };
        try
        {
            return options.Validate(maxTokensField, logprobsField);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException($"Invalid value for '{e.ParamName}': {CleanMessage(e)}", e.ParamName);
        }
    }

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
