namespace InstructGpt.Api.Auth;

/// <summary>Why a presented credential was refused, with the error code the 401 answer carries.</summary>
public sealed class CredentialRejected(string message, string code) : Exception(message)
{
    public string Code { get; } = code;
}
