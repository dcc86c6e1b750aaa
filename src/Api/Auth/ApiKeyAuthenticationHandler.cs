using System.Text.Encodings.Web;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Labeling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Auth;

/// <summary>
/// "Authorization: Bearer &lt;credential&gt;": the API key (checked against <see cref="ApiKeyStore"/>) becomes the admin
/// principal; a labeler token (<c>igpt-lbl-…</c>, looked up in <see cref="LabelerTokens"/>' in-memory map) becomes that
/// labeler's principal. Failures are answered with 401, a WWW-Authenticate: Bearer header, and an error saying whether the
/// credential was missing, wrong or revoked; a principal the endpoint's policy refuses gets 403 saying which credential it needs.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, LabelerTokens labelers,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Fail("The Authorization header must be 'Bearer YOUR_KEY'.");
        var credential = header["Bearer ".Length..].Trim();
        if (LabelerTokens.IsLabelerToken(credential))
        {
            if (await labelers.FindAsync(credential) is not { } labeler)
                return Fail("Incorrect labeler token provided. Ask whoever holds the API key for a token (POST /v1/labeling/labelers).");
            if (labeler.IsRevoked)
                return Fail($"The labeler token of '{labeler.Name}' was revoked; ask whoever holds the API key for a new one.", Credentials.TokenRevoked);
            return Success(Credentials.Labeler(SchemeName, labeler.Id, labeler.Name));
        }
        if (!keys.Matches(credential))
            return Fail("Incorrect API key provided. The key is in the server's configuration or in the api-key file of its data directory.");
        return Success(Credentials.Admin(SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        var error = result.Failure is { } failure
            ? new ApiError(StatusCodes.Status401Unauthorized, new OpenAiError(failure.Message, OpenAiErrorTypes.InvalidRequest, null,
                failure is CredentialRejected rejected ? rejected.Code : "invalid_api_key"))
            : ErrorResponses.ForStatus(StatusCodes.Status401Unauthorized);
        await ErrorResponses.WriteAsync(Context, error, problemDetails);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var error = Context.User.IsInRole(Credentials.LabelerRole)
            ? LabelerBoundaryMiddleware.NotAllowed()
            : new ApiError(StatusCodes.Status403Forbidden, new OpenAiError(
                "This endpoint is for labelers: send a labeler token (issued with POST /v1/labeling/labelers), not the API key.",
                OpenAiErrorTypes.InvalidRequest, null, Credentials.TokenRequired));
        await ErrorResponses.WriteAsync(Context, error, problemDetails);
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    private static AuthenticateResult Fail(string message, string code = "invalid_api_key") => AuthenticateResult.Fail(new CredentialRejected(message, code));
}
