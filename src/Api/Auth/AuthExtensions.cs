using InstructGpt.Api.Labeling;
using Microsoft.AspNetCore.Authentication;

namespace InstructGpt.Api.Auth;

public static class AuthExtensions
{
    /// <summary>The authorization policy every mutating endpoint requires: the API key's (admin) principal.</summary>
    public const string ApiKeyPolicy = "ApiKey";

    /// <summary>The labeler endpoints' policy: a labeler token's principal.</summary>
    public const string LabelerPolicy = "Labeler";

    /// <summary>Either credential (GET /v1/labeling/me).</summary>
    public const string AnyCredentialPolicy = "AnyCredential";

    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<LabelingStore>();
        builder.Services.AddSingleton<LabelerTokens>();
        builder.Services.AddHostedService<ApiKeyInitializer>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(Credentials.AdminRole))
            .AddPolicy(LabelerPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(Credentials.LabelerRole))
            .AddPolicy(AnyCredentialPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>
    /// Opens <paramref name="builder"/>'s endpoints to labeler tokens: the labeler policy (or either credential when
    /// <paramref name="alsoApiKey"/>), and the metadata that lets a labeler token past <see cref="LabelerBoundaryMiddleware"/>.
    /// </summary>
    public static TBuilder RequireLabeler<TBuilder>(this TBuilder builder, bool alsoApiKey = false) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(alsoApiKey ? AnyCredentialPolicy : LabelerPolicy).WithMetadata(LabelerEndpoint.Instance);

    /// <summary>Keeps labeler tokens to the labeler endpoints; call after UseAuthentication and before UseAuthorization.</summary>
    public static IApplicationBuilder UseLabelerBoundary(this IApplicationBuilder app) => app.UseMiddleware<LabelerBoundaryMiddleware>();

    /// <summary>Requires the API key on <paramref name="builder"/>'s endpoints when <paramref name="required"/>.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, bool required = true) where TBuilder : IEndpointConventionBuilder =>
        required ? builder.RequireAuthorization(ApiKeyPolicy) : builder;
}
