using System.Security.Claims;

namespace InstructGpt.Api.Auth;

/// <summary>The labeler a request authenticated as (labeler token), read from its principal's claims.</summary>
public sealed record LabelerIdentity(string Id, string Name)
{
    /// <summary>The labeler, or null for the API key's principal or no credential.</summary>
    public static LabelerIdentity? From(ClaimsPrincipal user) =>
        user.IsInRole(Credentials.LabelerRole) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && user.FindFirstValue(ClaimTypes.Name) is { } name
            ? new LabelerIdentity(id, name)
            : null;
}
