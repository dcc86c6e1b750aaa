using System.Security.Cryptography;
using System.Text;
using InstructGpt.Api.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace InstructGpt.Api.Datasets;

/// <summary>An upload's bytes, saved to a temporary file, with the form fields that came with them.</summary>
/// <param name="FileName">The file name a multipart upload gave, if any.</param>
/// <param name="Fields">Multipart text fields (name, kind, overwrite).</param>
public sealed record DatasetUpload(long Bytes, string Sha256, string? FileName, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>JSON Lines' media types: ndjson's, and the jsonl ones clients also send.</summary>
    public static IReadOnlyList<string> JsonLinesTypes { get; } = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"];

    private const string FilePart = "file";
    private const int MaxFieldLength = 256;

    /// <summary>
    /// Reads the body, a multipart/form-data form with a "file" part or a raw JSON Lines body, into
    /// <paramref name="path"/>, hashing it and checking that it is UTF-8 on the way. Client mistakes throw
    /// <see cref="DatasetRequestException"/>; a body over the upload limit throws the 413 of <see cref="RequestBodyLimit"/>.
    /// </summary>
    public static async Task<DatasetUpload> ReceiveAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            throw Unsupported(contentType);
        var media = mediaType.MediaType.Value ?? "";
        if (media.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return await ReceiveFormAsync(request, mediaType, path, cancellationToken);
        if (JsonLinesTypes.Contains(media, StringComparer.OrdinalIgnoreCase))
        {
            var (bytes, sha) = await SaveAsync(request.Body, path, cancellationToken);
            return new DatasetUpload(bytes, sha, null, new Dictionary<string, string>());
        }
        throw Unsupported(contentType);
    }

    private static async Task<DatasetUpload> ReceiveFormAsync(HttpRequest request, MediaTypeHeaderValue mediaType, string path, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw Malformed("the Content-Type has no boundary");
        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        (long Bytes, string Sha)? saved = null;
        string? fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw Malformed("every part needs a 'Content-Disposition: form-data; name=...' header");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition() || name == FilePart)
                {
                    if (name != FilePart) throw Malformed($"the file must be sent in the part named '{FilePart}' (got '{name}')");
                    if (saved is not null) throw Malformed($"send one file per upload (there is more than one '{FilePart}' part)");
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    saved = await SaveAsync(section.Body, path, cancellationToken);
                }
                else
                {
                    fields[name] = await ReadFieldAsync(section, name, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException && e is not BadHttpRequestException)
        {
            throw Malformed(e.Message.TrimEnd('.'));
        }
        if (saved is not { } file) throw Malformed($"there is no '{FilePart}' part holding the JSONL file");
        return new DatasetUpload(file.Bytes, file.Sha, fileName, fields);
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxFieldLength + 1];
        using var text = new StreamReader(section.Body, Encoding.UTF8);
        var length = await text.ReadBlockAsync(buffer, cancellationToken);
        if (length > MaxFieldLength) throw Malformed($"the form field '{name}' is longer than {MaxFieldLength} characters");
        return new string(buffer, 0, length);
    }

    /// <summary>Copies <paramref name="body"/> to a new file, returning its length and SHA-256; throws when it is not UTF-8.</summary>
    private static async Task<(long Bytes, string Sha)> SaveAsync(Stream body, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Strict UTF-8: the dataset readers would otherwise turn bad bytes into U+FFFD and train on them silently.
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[81920];
        var chars = new char[buffer.Length + 4];
        long total = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, buffer.Length, useAsync: true);
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            try
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }
            catch (DecoderFallbackException)
            {
                throw new DatasetRequestException(ApiError.BadRequest(
                    $"Invalid value for 'file': the upload is not UTF-8 text (invalid bytes within bytes {total}..{total + read}); JSONL datasets are UTF-8.", "file", "invalid_encoding"));
            }
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
        }
        try
        {
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            throw new DatasetRequestException(ApiError.BadRequest("Invalid value for 'file': the upload ends in the middle of a UTF-8 character.", "file", "invalid_encoding"));
        }
        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static DatasetRequestException Unsupported(string? contentType) => new(new ApiError(StatusCodes.Status415UnsupportedMediaType,
        new OpenAiError($"Upload a dataset as multipart/form-data with a '{FilePart}' part, or as a raw body with Content-Type {string.Join(", ", JsonLinesTypes)} (got '{contentType ?? "none"}').",
            OpenAiErrorTypes.InvalidRequest, null, "unsupported_media_type")));

    private static DatasetRequestException Malformed(string problem) =>
        new(ApiError.BadRequest($"The multipart/form-data body is malformed: {problem}.", FilePart, "invalid_multipart"));
}
