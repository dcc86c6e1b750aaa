using System.Text.Json;

namespace InstructGpt.Api.Tests.Fixtures;

/// <summary>Reads a Server-Sent Events body the way OpenAI's clients do.</summary>
public static class Sse
{
    /// <summary>The JSON of each "data:" event, and whether the stream ended with data: [DONE].</summary>
    public static (List<JsonElement> events, bool done) Parse(string body)
    {
        var events = new List<JsonElement>();
        var done = false;
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var line = block.Trim();
            Assert.StartsWith("data: ", line);
            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                done = true;
                continue;
            }
            Assert.False(done, "an event came after [DONE]");
            events.Add(JsonDocument.Parse(data).RootElement.Clone());
        }
        return (events, done);
    }

    /// <summary>Reads events one by one from a live stream.</summary>
    public static async IAsyncEnumerable<string> ReadDataAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellation) is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) yield return line["data: ".Length..];
    }
}
