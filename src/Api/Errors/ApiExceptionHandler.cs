using Microsoft.AspNetCore.Diagnostics;

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
