namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// An OpenAI-compatible judge (AlpacaEval's set-up): base URL, model and optional API key. The base URL is the
/// one OpenAI's clients take (http://host:port/v1); without a /v1 at its end, /v1 is added.
/// </summary>
public sealed record LlmJudgeOptions
{
    public required string BaseUrl { get; init; }
    public required string Model { get; init; }

    /// <summary>Sent as "Authorization: Bearer …" when given. Never stored with the run.</summary>
    public string? ApiKey { get; init; }

    public LlmJudgeEndpoint Endpoint { get; init; } = LlmJudgeEndpoint.Chat;

    /// <summary>The verdict is a few words ("Output (a)"); AlpacaEval's annotators also ask for very short replies.</summary>
    public int MaxTokens { get; init; } = 16;

    /// <summary>0: the same comparison gets the same verdict, so a resumed run asks again and gets the same answer.</summary>
    public double Temperature { get; init; }

    /// <summary>Outputs longer than this are cut in the judge's prompt, to keep it within a small judge's context.</summary>
    public int MaxOutputCharacters { get; init; } = 1000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The endpoint's full address.</summary>
    public Uri EndpointUri
    {
        get
        {
            var root = BaseUrl.TrimEnd('/');
            if (!root.EndsWith("/v1", StringComparison.Ordinal)) root += "/v1";
            return new Uri(root + (Endpoint == LlmJudgeEndpoint.Chat ? "/chat/completions" : "/completions"));
        }
    }

    public void Validate()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"llm base URL '{BaseUrl}' is not an absolute http(s) URL such as http://127.0.0.1:8080/v1", "llm_url");
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("llm model: give the judge model's name", "llm_model");
        if (MaxTokens is < 1 or > 4096) throw new ArgumentOutOfRangeException("llm_max_tokens", MaxTokens, "llm_max_tokens must be in [1, 4096]");
        if (double.IsNaN(Temperature) || Temperature is < 0 or > 2) throw new ArgumentOutOfRangeException("llm_temperature", Temperature, "llm_temperature must be in [0, 2]");
        if (MaxOutputCharacters < 1) throw new ArgumentOutOfRangeException("llm_max_output_characters", MaxOutputCharacters, "must be at least 1");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException("llm_timeout", Timeout, "the timeout must be positive");
    }
}
