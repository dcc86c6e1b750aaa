using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace InstructGpt.Training.Data;

/// <summary>
/// JSON Lines files: one JSON object a line. Reading validates every line before returning any record; writing
/// goes to a temporary sibling that is renamed into place, so a reader never sees half a file.
/// </summary>
internal static class JsonlFile
{
    /// <summary>How many errors an exception lists; validation goes on to count the rest.</summary>
    public const int MaxReportedErrors = 50;

    /// <summary>Keeps apostrophes and non-ASCII text readable; quotes, backslashes and controls are still escaped.</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Parses every non-blank line with <paramref name="parse"/>, which reports problems through the
    /// <see cref="RecordFields"/> it is given and returns null for a record it rejects.
    /// Throws <see cref="DatasetFormatException"/> if any line is invalid.
    /// </summary>
    public static IReadOnlyList<T> Read<T>(string path, Func<RecordFields, T?> parse) where T : class
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Dataset file not found: {path}", path);
        }

        var errors = new ErrorSink(path);
        var records = new List<T>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                errors.Add(lineNumber, "", $"invalid JSON: {FirstSentence(e.Message)}");
                continue;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(lineNumber, "", $"expected a JSON object, got {RecordFields.KindName(document.RootElement)}");
                    continue;
                }

                var fields = new RecordFields(document.RootElement, lineNumber, errors);
                var before = errors.Total;
                T? record;
                string? id;
                try
                {
                    record = parse(fields);
                    id = fields.PeekString("id");
                }
                catch (InvalidOperationException)
                {
                    // System.Text.Json refuses to decode a lone surrogate escape such as "\ud800" into a string.
                    errors.Add(lineNumber, "", "a string holds an unpaired UTF-16 surrogate escape (such as \\ud800), which is not valid text");
                    continue;
                }
                if (id is not null)
                {
                    if (ids.TryGetValue(id, out var firstLine))
                    {
                        errors.Add(lineNumber, "id", $"duplicate id '{id}' (first used on line {firstLine})");
                    }
                    else
                    {
                        ids[id] = lineNumber;
                    }
                }
                if (record is not null && errors.Total == before)
                {
                    records.Add(record);
                }
            }
        }

        if (errors.Total > 0)
        {
            throw new DatasetFormatException(path, errors.Listed, errors.Total);
        }
        return records;
    }

    /// <summary>
    /// Writes one line per record through a temporary sibling file, then renames it into place. Every line is
    /// read back through <paramref name="parse"/> first: a writer never produces a file its reader rejects.
    /// </summary>
    public static void Write<T>(string path, IEnumerable<T> records, Action<Utf8JsonWriter, T> write,
        Func<RecordFields, object?> parse)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var buffer = new MemoryStream();
                var lineNumber = 0;
                foreach (var record in records)
                {
                    lineNumber++;
                    buffer.SetLength(0);
                    using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                    {
                        write(writer, record);
                    }
                    CheckReadable(path, lineNumber, buffer, parse);
                    buffer.WriteByte((byte)'\n');
                    buffer.Position = 0;
                    buffer.CopyTo(stream);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void CheckReadable(string path, int lineNumber, MemoryStream line, Func<RecordFields, object?> parse)
    {
        using var document = JsonDocument.Parse(line.ToArray());
        var errors = new ErrorSink(path);
        parse(new RecordFields(document.RootElement, lineNumber, errors));
        if (errors.Total > 0)
        {
            throw new ArgumentException(
                $"Refusing to write an invalid record: {string.Join("; ", errors.Listed)}", nameof(line));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
