using Microsoft.Net.Http.Headers;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// The labeling page (issue #16): <c>GET /label</c> and its CSS and ES modules under <c>/label/</c>, embedded in this
/// assembly (no wwwroot, no JavaScript build step). It needs no credential to load: the page asks for the labeler
/// token or API key and sends it only on its own calls to /v1/labeling. Every file is served with a strict
/// Content-Security-Policy (no inline script or style, no other origin), so model outputs the page shows cannot run.
/// </summary>
public static class LabelingPage
{
    public const string Path = "/label";

    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
        "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    private static readonly PageFiles Files = PageFiles.Load(typeof(LabelingPage).Assembly);

    public static IEndpointRouteBuilder MapLabelingPage(this IEndpointRouteBuilder app)
    {
        // Routing matches "/label/" to "/label" too.
        app.MapMethods(Path, Methods, (HttpContext context) => Serve(context, "index.html")).ExcludeFromDescription().AllowAnonymous();
        app.MapMethods(Path + "/{file}", Methods, (HttpContext context, string file) => Serve(context, file)).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static IResult Serve(HttpContext context, string name)
    {
        if (!Files.TryGet(name, out var file))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The labeling page has no file '{name}'.");
        var headers = context.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.CacheControl] = "no-cache";
        headers[HeaderNames.ETag] = file.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(file.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(file.Content, file.ContentType);
    }
}
