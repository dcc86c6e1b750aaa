namespace InstructGpt.Api.OpenApi;

public static class OpenApiExampleExtensions
{
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, string? request, string? response) =>
        builder.WithMetadata(new OpenApiExamples(request, response));
}
