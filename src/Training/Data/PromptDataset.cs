using System.Text.Json;

namespace InstructGpt.Training.Data;

/// <summary>The prompts format: <c>{"prompt": "..."}</c>, one prompt a line (docs/datasets.md).</summary>
public static class PromptDataset
{
    public static IReadOnlyList<PromptRecord> Read(string path) => JsonlFile.Read(path, Parse);

    public static void Write(string path, IEnumerable<PromptRecord> records) =>
        JsonlFile.Write(path, records, WriteRecord, Parse);

    internal static PromptRecord? Parse(RecordFields fields)
    {
        var prompt = fields.RequiredString("prompt");
        var metadata = RecordMetadataFields.Read(fields);
        return prompt is null ? null : new PromptRecord(prompt) { Metadata = metadata };
    }

    private static void WriteRecord(Utf8JsonWriter writer, PromptRecord record)
    {
        writer.WriteStartObject();
        RecordMetadataFields.WriteLeading(writer, record.Metadata);
        writer.WriteString("prompt", record.Prompt);
        RecordMetadataFields.WriteTrailing(writer, record.Metadata);
        writer.WriteEndObject();
    }
}
