using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using System.Text.Json;
using InstructGpt.Api.Errors;
using Microsoft.AspNetCore.Http.Metadata;

namespace InstructGpt.Api.Streaming;

/// <summary>
/// A Server-Sent Events response as OpenAI streams completions: one <c>data: {json}\n\n</c> event per chunk and a
/// final <c>data: [DONE]\n\n</c>. Headers are sent at once, so a client sees 200 while its request still waits in
/// the queue. A failure after the first byte can no longer change the status, so it is sent as an
/// <c>{"error": ...}</c> event before [DONE]. A client that disconnects just stops the stream.
/// </summary>
public sealed class EventStreamResult(IAsyncEnumerable<object> chunks) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public const string ContentTypeValue = "text/event-stream";
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public int? StatusCode => StatusCodes.Status200OK;
    public string ContentType => ContentTypeValue;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        var json = ApiJson.Options(httpContext);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentTypeValue;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(aborted);
        await response.Body.FlushAsync(aborted); // some servers (the test server) send headers only on a flush
        var body = response.BodyWriter;
        // Events are serialised straight into the response's pipe: one writer per stream, reset for each event.
        await using var writer = new Utf8JsonWriter(body, WriterOptions(json));
        try
        {
            await using var enumerator = chunks.GetAsyncEnumerator(aborted);
            while (true)
            {
                // Events are written as they come and sent with one flush once no further chunk is ready: a client
                // reading in step with the decoder gets every token at once, and one that lags gets them batched
                // into fewer socket writes instead of falling further behind.
                var next = enumerator.MoveNextAsync();
                if (!next.IsCompleted) await body.FlushAsync(aborted);
                if (!await next) break;
                var chunk = enumerator.Current;
                WriteEvent(body, writer, chunk, chunk.GetType(), json);
            }
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            return; // the client left
        }
        catch (Exception e)
        {
            var logger = httpContext.RequestServices.GetRequiredService<ILogger<EventStreamResult>>();
            logger.LogError(e, "A streamed generation failed");
            var error = ServerPaths.Hide(httpContext.RequestServices.GetRequiredService<ApiErrorMapping>().Map(e).Value, httpContext);
            WriteEvent(body, writer, error, error.GetType(), json);
        }
        body.Write(Done);
        await body.FlushAsync(aborted);
    }

    /// <summary>One event, <c>data: {json}\n\n</c>, into the response's buffer (a single chunk on the wire once flushed).</summary>
    private static void WriteEvent(PipeWriter body, Utf8JsonWriter writer, object value, Type type, JsonSerializerOptions json)
    {
        body.Write("data: "u8);
        writer.Reset(body);
        JsonSerializer.Serialize(writer, value, type, json);
        writer.Flush();
        body.Write("\n\n"u8);
    }

    /// <summary>The formatting JsonSerializer.SerializeToUtf8Bytes would use with these options.</summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions json) => new()
    {
        Encoder = json.Encoder,
        Indented = json.WriteIndented,
        IndentCharacter = json.IndentCharacter,
        IndentSize = json.IndentSize,
        NewLine = json.NewLine,
        MaxDepth = json.MaxDepth,
        SkipValidation = true,
    };

    /// <summary>
    /// Marks the endpoint as able to stream; the OpenAPI document adds text/event-stream to its 200 response
    /// (a second 200 response type would replace the JSON one).
    /// </summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => builder.Metadata.Add(new EventStreamMetadata());
}
