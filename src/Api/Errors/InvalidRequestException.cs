namespace InstructGpt.Api.Errors;

/// <summary>A request that is well-formed JSON but asks for something out of range; answered with 400 naming the field (ApiErrorMapping).</summary>
public sealed class InvalidRequestException(string message, string? param, string? code = null) : Exception(message)
{
    public string? Param { get; } = param;
    public string? Code { get; } = code;
}
