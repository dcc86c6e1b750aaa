using System.Text.Json;

namespace InstructGpt.Training.Data;

/// <summary>The text format: <c>{"text": "..."}</c>, one document a line (docs/datasets.md).</summary>
public static class TextDataset
{
    public static IReadOnlyList<TextRecord> Read(string path) => JsonlFile.Read(path, Parse);

    public static void Write(string path, IEnumerable<TextRecord> records) =>
        JsonlFile.Write(path, records, WriteRecord, Parse);

    internal static TextRecord? Parse(RecordFields fields)
    {
        var text = fields.RequiredString("text");
        var metadata = RecordMetadataFields.Read(fields);
        return text is null ? null : new TextRecord(text) { Metadata = metadata };
    }

    private static void WriteRecord(Utf8JsonWriter writer, TextRecord record)
    {
        writer.WriteStartObject();
        RecordMetadataFields.WriteLeading(writer, record.Metadata);
        writer.WriteString("text", record.Text);
        RecordMetadataFields.WriteTrailing(writer, record.Metadata);
        writer.WriteEndObject();
    }
}
