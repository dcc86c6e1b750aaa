using Microsoft.AspNetCore.Authentication;

namespace InstructGpt.Api.Auth;

public static class AuthExtensions
{
    /// <summary>The authorization policy every mutating endpoint requires.</summary>
    public const string ApiKeyPolicy = "ApiKey";

    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddHostedService<ApiKeyInitializer>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Requires the API key on <paramref name="builder"/>'s endpoints when <paramref name="required"/>.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, bool required = true) where TBuilder : IEndpointConventionBuilder =>
        required ? builder.RequireAuthorization(ApiKeyPolicy) : builder;
}
