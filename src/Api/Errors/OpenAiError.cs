namespace InstructGpt.Api.Errors;

/// <summary>The body of every error under /v1, in OpenAI's shape: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiErrorResponse(OpenAiError Error);

/// <param name="Message">What went wrong and how to fix it.</param>
/// <param name="Type">invalid_request_error, authentication_error, not_found_error, rate_limit_error or server_error.</param>
/// <param name="Param">The request field at fault, when there is one (e.g. "temperature", "messages[1].role").</param>
/// <param name="Code">A stable machine-readable code (e.g. "model_not_found", "invalid_api_key"), or null.</param>
public sealed record OpenAiError(string Message, string Type, string? Param, string? Code);

/// <summary>The error types OpenAI uses.</summary>
public static class OpenAiErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string NotFound = "not_found_error";
    public const string RateLimit = "rate_limit_error";
    public const string Server = "server_error";
}
