using System.Text.Json;

namespace InstructGpt.Training.Data;

/// <summary>
/// The demonstrations format: <c>{"prompt","completion"}</c>, or Alpaca's <c>{"instruction","input","output"}</c>
/// (docs/datasets.md). Alpaca records become demonstrations whose prompt is the instruction, followed by a blank
/// line and the input when the input is not empty.
/// </summary>
public static class DemonstrationDataset
{
    /// <summary>What separates an Alpaca instruction from its input in the rendered prompt.</summary>
    public const string AlpacaInputSeparator = "\n\n";

    public static IReadOnlyList<Demonstration> Read(string path) => JsonlFile.Read(path, Parse);

    /// <summary>Writes the canonical <c>{"prompt","completion"}</c> form.</summary>
    public static void Write(string path, IEnumerable<Demonstration> records) =>
        JsonlFile.Write(path, records, WriteRecord, Parse);

    public static string RenderAlpacaPrompt(string instruction, string? input) =>
        string.IsNullOrEmpty(input) ? instruction : instruction + AlpacaInputSeparator + input;

    internal static Demonstration? Parse(RecordFields fields)
    {
        var isAlpaca = fields.Has("instruction") || fields.Has("output");
        if (isAlpaca && fields.Has("prompt"))
        {
            fields.Error("prompt", "a record has either prompt/completion or Alpaca's instruction/input/output, not both");
            return null;
        }

        string? prompt, completion;
        if (isAlpaca)
        {
            var instruction = fields.RequiredString("instruction");
            var input = fields.Has("input") ? fields.RequiredString("input", allowEmpty: true) : null;
            completion = fields.RequiredString("output");
            prompt = instruction is null ? null : RenderAlpacaPrompt(instruction, input);
        }
        else
        {
            prompt = fields.RequiredString("prompt");
            completion = fields.RequiredString("completion");
        }
        var metadata = RecordMetadataFields.Read(fields);
        return prompt is null || completion is null ? null : new Demonstration(prompt, completion) { Metadata = metadata };
    }

    private static void WriteRecord(Utf8JsonWriter writer, Demonstration record)
    {
        writer.WriteStartObject();
        RecordMetadataFields.WriteLeading(writer, record.Metadata);
        writer.WriteString("prompt", record.Prompt);
        writer.WriteString("completion", record.Completion);
        RecordMetadataFields.WriteTrailing(writer, record.Metadata);
        writer.WriteEndObject();
    }
}
