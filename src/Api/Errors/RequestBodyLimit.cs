using Microsoft.AspNetCore.Http.Features;

namespace InstructGpt.Api.Errors;

/// <summary>
/// Caps request bodies at <see cref="Hosting.ApiLimitsOptions.MaxRequestBodyBytes"/>: a declared length over the
/// limit is refused before reading, and a body without one (chunked) fails with 413 once it crosses it.
/// Kestrel enforces the same limit natively; the wrapper covers every other server (and the test server).
/// An endpoint with <see cref="RequestBodyLimitMetadata"/> (uploads) gets its own limit instead.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, Microsoft.Extensions.Options.IOptions<Hosting.ApiLimitsOptions> options)
{
    public const string DefaultSetting = "Limits:MaxRequestBodyBytes";

    public Task InvokeAsync(HttpContext context)
    {
        var own = context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimitMetadata>();
        var limit = own?.Bytes ?? options.Value.MaxRequestBodyBytes;
        var setting = own?.Setting ?? DefaultSetting;
        if (context.Request.ContentLength > limit)
            throw new BadHttpRequestException(TooLarge(limit, setting), StatusCodes.Status413PayloadTooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        context.Request.Body = new LimitedStream(context.Request.Body, limit, setting);
        return next(context);
    }

    public static string TooLarge(long limit, string setting = DefaultSetting) => $"The request body is larger than the limit of {limit} bytes ({setting}).";

    private sealed class LimitedStream(Stream inner, long limit, string setting) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            read += n;
            if (read > limit) throw new BadHttpRequestException(TooLarge(limit, setting), StatusCodes.Status413PayloadTooLarge);
            return n;
        }
    }
}
