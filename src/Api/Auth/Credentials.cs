using System.Security.Claims;

namespace InstructGpt.Api.Auth;

/// <summary>
/// The two credentials the API knows and the principals they become: the API key (the admin, who may do everything the key
/// allows) and a labeler token (one labeler, who may call the labeler endpoints and nothing else).
/// </summary>
public static class Credentials
{
    public const string AdminRole = "admin";
    public const string LabelerRole = "labeler";

    /// <summary>Error codes of the labeler token's 401 and 403 answers.</summary>
    public const string TokenRevoked = "labeler_token_revoked";
    public const string TokenNotAllowed = "labeler_token_not_allowed";
    public const string TokenRequired = "labeler_token_required";

    public static ClaimsPrincipal Admin(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key"), new Claim(ClaimTypes.Role, AdminRole)], scheme));

    public static ClaimsPrincipal Labeler(string scheme, string id, string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, LabelerRole)], scheme));
}
