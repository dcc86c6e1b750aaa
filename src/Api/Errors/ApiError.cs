using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace InstructGpt.Api.Errors;

/// <summary>
/// An OpenAI-shaped error response as a typed result, so endpoints can return it in <c>Results&lt;...&gt;</c> and
/// the OpenAPI document lists the error statuses with their schema.
/// </summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult, IValueHttpResult<OpenAiErrorResponse>, IValueHttpResult, IEndpointMetadataProvider
{
    private static readonly int[] DocumentedStatuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound,
        StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable,
    ];

    public ApiError(int statusCode, OpenAiError error, TimeSpan? retryAfter = null)
    {
        StatusCode = statusCode;
        Value = new OpenAiErrorResponse(error);
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    public OpenAiErrorResponse Value { get; }
    object? IValueHttpResult.Value => Value;
    public TimeSpan? RetryAfter { get; }

    public static ApiError BadRequest(string message, string? param, string? code = null) =>
        new(StatusCodes.Status400BadRequest, new OpenAiError(message, OpenAiErrorTypes.InvalidRequest, param, code));

    public static ApiError NotFound(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status404NotFound, new OpenAiError(message, OpenAiErrorTypes.InvalidRequest, param, code));

    public static ApiError TooManyRequests(string message, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, new OpenAiError(message, OpenAiErrorTypes.RateLimit, null, "queue_full"), retryAfter);

    public static ApiError Unavailable(string message, string? code = null) =>
        new(StatusCodes.Status503ServiceUnavailable, new OpenAiError(message, OpenAiErrorTypes.Server, null, code));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (RetryAfter is { } after) response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // One place for every error: no server path reaches the client (ServerPaths).
        await response.WriteAsJsonAsync(ServerPaths.Hide(Value, httpContext), ApiJson.Options(httpContext), "application/json", httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in DocumentedStatuses)
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(OpenAiErrorResponse), ["application/json"]));
    }
}
