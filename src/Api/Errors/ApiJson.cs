using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Errors;

/// <summary>The JSON settings of the whole API: snake_case names as OpenAI writes them, and strict types.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // "max_tokens": "16" is a client bug worth reporting, as OpenAI does, not a number.
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        // Deep nesting is an attack, not a request.
        options.MaxDepth = 32;
        // A field the endpoint does not have is a client bug (a misspelling, or a feature this server lacks), as
        // OpenAI answers "Unrecognized request argument supplied"; ignoring it would run the request without it.
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
    }

    public static JsonSerializerOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
