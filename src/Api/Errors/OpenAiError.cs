namespace InstructGpt.Api.Errors;

/// <param name="Message">What went wrong and how to fix it.</param>
/// <param name="Type">invalid_request_error, authentication_error, not_found_error, rate_limit_error or server_error.</param>
/// <param name="Param">The request field at fault, when there is one (e.g. "temperature", "messages[1].role").</param>
/// <param name="Code">A stable machine-readable code (e.g. "model_not_found", "invalid_api_key"), or null.</param>
public sealed record OpenAiError(string Message, string Type, string? Param, string? Code);
