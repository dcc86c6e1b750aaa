using System.Text.Json;

namespace InstructGpt.Training.Data;

/// <summary>
/// The comparisons format: <c>{"prompt","completions":[best, ..., worst]}</c> with 2 &lt;= K &lt;= 9 and optional
/// <c>"ranks"</c> for ties and <c>"policies"</c> (who wrote each completion), or the pairwise form <c>{"prompt","chosen","rejected"}</c> (K = 2) (docs/datasets.md).
/// </summary>
public static class ComparisonDataset
{
    public static IReadOnlyList<Comparison> Read(string path) => JsonlFile.Read(path, Parse);

    /// <summary>Writes the ranked-list form; ranks are written only when the record has them.</summary>
    public static void Write(string path, IEnumerable<Comparison> records) =>
        JsonlFile.Write(path, records, WriteRecord, Parse);

    internal static Comparison? Parse(RecordFields fields)
    {
        var prompt = fields.RequiredString("prompt");
        var metadata = RecordMetadataFields.Read(fields);
        var ranked = fields.Has("completions");
        var pairwise = fields.Has("chosen") || fields.Has("rejected");
        if (ranked && pairwise)
        {
            fields.Error("completions", "a record has either completions or chosen/rejected, not both");
            return null;
        }
        if (!ranked && !pairwise)
        {
            fields.Error("completions", "required field is missing (or give the pair as chosen and rejected)");
            return null;
        }

        if (pairwise)
        {
            if (fields.Has("ranks")) fields.Error("ranks", "only allowed with completions");
            if (fields.Has("policies")) fields.Error("policies", "only allowed with completions");
            var chosen = fields.RequiredString("chosen", allowEmpty: true);
            var rejected = fields.RequiredString("rejected", allowEmpty: true);
            return prompt is null || chosen is null || rejected is null
                ? null
                : new Comparison(prompt, [chosen, rejected]) { Metadata = metadata };
        }

        var completions = fields.RequiredStringArray("completions", allowEmptyStrings: true);
        if (completions is not null && completions.Count is < Comparison.MinCompletions or > Comparison.MaxCompletions)
        {
            fields.Error("completions",
                $"K must be between {Comparison.MinCompletions} and {Comparison.MaxCompletions}, got {completions.Count}");
            completions = null;
        }
        var ranks = fields.OptionalIntArray("ranks");
        if (ranks is not null && completions is not null && !RanksAreValid(fields, ranks, completions.Count))
        {
            ranks = null;
        }
        var policies = fields.Has("policies") ? fields.RequiredStringArray("policies", allowEmptyStrings: false) : null;
        if (policies is not null && completions is not null && policies.Count != completions.Count)
        {
            fields.Error("policies", $"must name one policy per completion ({completions.Count}), got {policies.Count}");
            policies = null;
        }
        return prompt is null || completions is null
            ? null
            : new Comparison(prompt, completions) { Ranks = ranks, Policies = policies, Metadata = metadata };
    }

    private static bool RanksAreValid(RecordFields fields, IReadOnlyList<int> ranks, int k)
    {
        if (ranks.Count != k)
        {
            fields.Error("ranks", $"must have one rank per completion ({k}), got {ranks.Count}");
            return false;
        }
        if (ranks[0] != 1)
        {
            fields.Error("ranks", $"must start at 1 (the best completion comes first), got {ranks[0]}");
            return false;
        }
        for (var i = 1; i < k; i++)
        {
            if (ranks[i] < ranks[i - 1])
            {
                fields.Error("ranks",
                    $"must be non-decreasing (completions are listed best first, equal ranks are ties), got [{string.Join(", ", ranks)}]");
                return false;
            }
        }
        if (ranks[^1] == ranks[0])
        {
            fields.Error("ranks", "all completions are tied, so the record holds no preference");
            return false;
        }
        return true;
    }

    private static void WriteRecord(Utf8JsonWriter writer, Comparison record)
    {
        writer.WriteStartObject();
        RecordMetadataFields.WriteLeading(writer, record.Metadata);
        writer.WriteString("prompt", record.Prompt);
        writer.WriteStartArray("completions");
        foreach (var completion in record.Completions) writer.WriteStringValue(completion);
        writer.WriteEndArray();
        if (record.Ranks is not null)
        {
            writer.WriteStartArray("ranks");
            foreach (var rank in record.Ranks) writer.WriteNumberValue(rank);
            writer.WriteEndArray();
        }
        if (record.Policies is not null)
        {
            writer.WriteStartArray("policies");
            foreach (var policy in record.Policies) writer.WriteStringValue(policy);
            writer.WriteEndArray();
        }
        RecordMetadataFields.WriteTrailing(writer, record.Metadata);
        writer.WriteEndObject();
    }
}
