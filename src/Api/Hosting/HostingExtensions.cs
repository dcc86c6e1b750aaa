using InstructGpt.Api.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace InstructGpt.Api.Hosting;

/// <summary>What every endpoint relies on: the data directory, JSON settings, error handling and request limits.</summary>
public static class HostingExtensions
{
    /// <summary>Where the API listens unless --urls, ASPNETCORE_URLS or the Urls setting says otherwise: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])) builder.WebHost.UseUrls(DefaultUrl);
        var services = builder.Services;
        services.AddOptions<DataOptions>()
            .BindConfiguration(DataOptions.Section)
            .Configure<IConfiguration>((o, configuration) =>
            {
                // INSTRUCTGPT_HOME applies unless Data:Home is set explicitly.
                if (configuration[$"{DataOptions.Section}:Home"] is null && configuration[DataOptions.EnvironmentVariable] is { Length: > 0 } home) o.Home = home;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // Malformed bodies throw, so the exception handler can answer with a message naming the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddSingleton<ApiErrorMapping>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }

    /// <summary>Error handling first, then the body limit, so that every failure after it is answered in the right shape.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // 4xx are the client's business; our handler logs them briefly itself.
            SuppressDiagnosticsCallback = c => c.HttpContext.RequestServices.GetRequiredService<ApiErrorMapping>().Map(c.Exception).StatusCode < 500,
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
            var status = http.Response.StatusCode;
            var detail = status == StatusCodes.Status413PayloadTooLarge
                ? RequestBodyLimit.TooLarge(http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiLimitsOptions>>().Value.MaxRequestBodyBytes)
                : null;
            await ErrorResponses.WriteAsync(http, ErrorResponses.ForStatus(status, detail), http.RequestServices.GetRequiredService<IProblemDetailsService>());
        });
        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }
}
