using System.Text.Json;

namespace InstructGpt.Training.Data;

/// <summary>
/// The toxicity-probe format: a prompts record with one more required field, <c>respectful_prompt</c>
/// (docs/datasets.md). A prompts reader can read these files too; it ignores the respectful variant.
/// </summary>
public static class ToxicityProbeDataset
{
    public static IReadOnlyList<ToxicityProbe> Read(string path) => JsonlFile.Read(path, Parse);

    public static void Write(string path, IEnumerable<ToxicityProbe> records) =>
        JsonlFile.Write(path, records, WriteRecord, Parse);

    internal static ToxicityProbe? Parse(RecordFields fields)
    {
        var prompt = fields.RequiredString("prompt");
        var respectful = fields.RequiredString("respectful_prompt");
        var metadata = RecordMetadataFields.Read(fields);
        return prompt is null || respectful is null ? null : new ToxicityProbe(prompt, respectful) { Metadata = metadata };
    }

    private static void WriteRecord(Utf8JsonWriter writer, ToxicityProbe record)
    {
        writer.WriteStartObject();
        RecordMetadataFields.WriteLeading(writer, record.Metadata);
        writer.WriteString("prompt", record.Prompt);
        writer.WriteString("respectful_prompt", record.RespectfulPrompt);
        RecordMetadataFields.WriteTrailing(writer, record.Metadata);
        writer.WriteEndObject();
    }
}
