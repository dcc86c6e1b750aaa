using System.Security.Claims;
using System.Text.Encodings.Web;
using InstructGpt.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Auth;

/// <summary>
/// "Authorization: Bearer &lt;key&gt;" checked against <see cref="ApiKeyStore"/>. Failures are answered with 401,
/// a WWW-Authenticate: Bearer header, and an error saying whether the key was missing or wrong.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header must be 'Bearer YOUR_KEY'."));
        if (!keys.Matches(header["Bearer ".Length..].Trim()))
            return Task.FromResult(AuthenticateResult.Fail("Incorrect API key provided. The key is in the server's configuration or in the api-key file of its data directory."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        var error = result.Failure is { } failure
            ? new ApiError(StatusCodes.Status401Unauthorized, new OpenAiError(failure.Message, OpenAiErrorTypes.InvalidRequest, null, "invalid_api_key"))
            : ErrorResponses.ForStatus(StatusCodes.Status401Unauthorized);
        await ErrorResponses.WriteAsync(Context, error, problemDetails);
    }
}
