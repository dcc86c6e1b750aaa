using Microsoft.AspNetCore.Mvc;

namespace InstructGpt.Api.Errors;

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
