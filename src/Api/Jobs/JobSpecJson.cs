using System.Text.Json;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Jobs;

/// <summary>How specs are written to and read from request_json.</summary>
public static class JobSpecJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }

    public static string Write<T>(T spec) => JsonSerializer.Serialize(spec, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"a job's request_json is empty: {json}");
}
