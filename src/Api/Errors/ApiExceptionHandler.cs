using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace InstructGpt.Api.Errors;

/// <summary>
/// The last line of defence: turns exceptions into error responses through the one <see cref="ApiErrorMapping"/>.
/// Client mistakes (malformed JSON, wrong types, a missing body, a field out of range, a full queue) become 4xx with a
/// message that names the problem; anything else is a 500 that says nothing about our internals. /v1 routes answer
/// in OpenAI's shape, others with ProblemDetails.
/// </summary>
public sealed class ApiExceptionHandler(ApiErrorMapping errors, IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested) return true; // the client left; nobody reads an answer
        var error = errors.Map(exception, httpContext.Request.Path);
        if (error.StatusCode >= 500) logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        else logger.LogInformation("Rejected {Method} {Path} with {Status}: {Message}", httpContext.Request.Method, httpContext.Request.Path, error.StatusCode, error.Value.Error.Message);
        await ErrorResponses.WriteAsync(httpContext, error, problemDetails);
        return true;
    }
}

/// <summary>Writes an error in the shape the route calls for.</summary>
public static class ErrorResponses
{
    public static bool IsOpenAiRoute(HttpContext context) => context.Request.Path.StartsWithSegments("/v1");

    public static async Task WriteAsync(HttpContext context, ApiError error, IProblemDetailsService problemDetails)
    {
        if (context.Response.HasStarted) return;
        if (IsOpenAiRoute(context))
        {
            await error.ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = error.StatusCode;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = error.StatusCode, Detail = ServerPaths.Hide(error.Value.Error.Message, context), Title = ReasonPhrase(error.StatusCode) },
        });
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    /// <summary>The error for a bare status code (one the framework set without a body).</summary>
    public static ApiError ForStatus(int status, string? detail = null) => status switch
    {
        StatusCodes.Status400BadRequest when detail is not null && (detail.Contains("was not provided", StringComparison.Ordinal) || detail.Contains("no body was provided", StringComparison.Ordinal)) =>
            ApiError.BadRequest("The request body is missing: send a JSON object with Content-Type: application/json.", null),
        StatusCodes.Status400BadRequest => ApiError.BadRequest(detail ?? "The request is malformed.", null),
        StatusCodes.Status404NotFound => ApiError.NotFound("Unknown endpoint. See /swagger for the endpoints this server has.", null, "unknown_url"),
        StatusCodes.Status405MethodNotAllowed => new ApiError(status, new OpenAiError("This endpoint does not accept that HTTP method. See /swagger for the methods it accepts.", OpenAiErrorTypes.InvalidRequest, null, "method_not_allowed")),
        StatusCodes.Status413PayloadTooLarge => new ApiError(status, new OpenAiError(detail ?? "The request body is too large.", OpenAiErrorTypes.InvalidRequest, null, "request_too_large")),
        StatusCodes.Status415UnsupportedMediaType => new ApiError(status, new OpenAiError("The request body must be JSON: set Content-Type: application/json.", OpenAiErrorTypes.InvalidRequest, null, "unsupported_media_type")),
        StatusCodes.Status401Unauthorized => new ApiError(status, new OpenAiError("You didn't provide an API key. Send it in an Authorization header: 'Authorization: Bearer YOUR_KEY'.", OpenAiErrorTypes.InvalidRequest, null, "invalid_api_key")),
        _ when status < 500 => new ApiError(status, new OpenAiError(detail ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), OpenAiErrorTypes.InvalidRequest, null, null)),
        _ => new ApiError(status, new OpenAiError(detail ?? "The server had an error while processing your request.", OpenAiErrorTypes.Server, null, null)),
    };
}
