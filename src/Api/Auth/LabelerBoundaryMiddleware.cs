using InstructGpt.Api.Errors;
using InstructGpt.Api.Labeling;

namespace InstructGpt.Api.Auth;

/// <summary>
/// Keeps labeler tokens to the labeler endpoints. Runs after authentication and before authorization, so it also covers the
/// endpoints that need no credential (completions, models): a labeler token is a narrow credential handed to people who label,
/// and it must not become a way to use the model server. A token that does not authenticate (wrong or revoked) is refused
/// the same way there, since it was still presented as a labeler token.
/// </summary>
public sealed class LabelerBoundaryMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.User.IsInRole(Credentials.LabelerRole) || PresentsLabelerToken(context.Request);
        if (presented && context.GetEndpoint()?.Metadata.GetMetadata<LabelerEndpoint>() is null)
        {
            await ErrorResponses.WriteAsync(context, NotAllowed(), problemDetails);
            return;
        }
        await next(context);
    }

    public static ApiError NotAllowed() => new(StatusCodes.Status403Forbidden, new OpenAiError(
        "A labeler token can call the labeling endpoints only (/v1/labeling/me, tasks/next, submission, skip); use the API key for this endpoint.",
        OpenAiErrorTypes.InvalidRequest, null, Credentials.TokenNotAllowed));

    private static bool PresentsLabelerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && LabelerTokens.IsLabelerToken(header["Bearer ".Length..].Trim());
    }
}
