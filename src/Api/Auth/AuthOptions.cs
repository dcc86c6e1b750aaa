namespace InstructGpt.Api.Auth;

/// <summary>
/// API keys. Every mutating endpoint needs the key; completions and chat need it only when
/// <see cref="RequireKeyForCompletions"/> is set. Without <see cref="ApiKey"/> (or INSTRUCTGPT_API_KEY), a key is
/// generated at first start and kept, readable by its owner only, in <c>$INSTRUCTGPT_HOME/api-key</c>.
/// </summary>
public sealed record AuthOptions
{
    public const string Section = "Auth";
    public const string EnvironmentVariable = "INSTRUCTGPT_API_KEY";
    public const string KeyFileName = "api-key";

    public string? ApiKey { get; set; }
    public bool RequireKeyForCompletions { get; set; }
}
