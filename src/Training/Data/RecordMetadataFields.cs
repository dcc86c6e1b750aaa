using System.Text.Json;
using InstructGpt.Tasks;

namespace InstructGpt.Training.Data;

/// <summary>Reads and writes the optional fields of <see cref="RecordMetadata"/>.</summary>
internal static class RecordMetadataFields
{
    public static RecordMetadata Read(RecordFields fields)
    {
        var id = fields.OptionalString("id");
        var userId = fields.OptionalString("user_id");
        var categoryName = fields.OptionalString("category");
        TaskCategory? category = null;
        if (categoryName is not null)
        {
            if (TaskCategoryNames.TryParse(categoryName, out var parsed))
            {
                category = parsed;
            }
            else
            {
                fields.Error("category", $"must be one of {string.Join(", ", TaskCategoryNames.All)}; got '{categoryName}'");
            }
        }
        return new RecordMetadata
        {
            Id = id,
            UserId = userId,
            Category = category,
            Constraints = ReadConstraints(fields),
            Source = fields.OptionalString("source"),
        };
    }

    /// <summary>Writes id, user_id and category: the fields that lead a line.</summary>
    public static void WriteLeading(Utf8JsonWriter writer, RecordMetadata metadata)
    {
        if (metadata.Id is not null) writer.WriteString("id", metadata.Id);
        if (metadata.UserId is not null) writer.WriteString("user_id", metadata.UserId);
        if (metadata.Category is { } category) writer.WriteString("category", category.ToName());
    }

    /// <summary>Writes constraints and source: the fields that end a line.</summary>
    public static void WriteTrailing(Utf8JsonWriter writer, RecordMetadata metadata)
    {
        if (metadata.Constraints.Count > 0)
        {
            writer.WriteStartArray("constraints");
            foreach (var constraint in metadata.Constraints)
            {
                WriteConstraint(writer, constraint);
            }
            writer.WriteEndArray();
        }
        if (metadata.Source is not null) writer.WriteString("source", metadata.Source);
    }

    private static void WriteConstraint(Utf8JsonWriter writer, TaskConstraint constraint)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", constraint.Kind.ToName());
        switch (constraint.Kind)
        {
            case ConstraintKind.Sentences or ConstraintKind.ListItems or ConstraintKind.MaxWords:
                writer.WriteNumber("count", constraint.Count);
                break;
            case ConstraintKind.IncludeWord or ConstraintKind.ExcludeWord:
                writer.WriteString("word", constraint.Word);
                break;
            case ConstraintKind.OneOf:
                writer.WriteStartArray("options");
                foreach (var option in constraint.Options) writer.WriteStringValue(option);
                writer.WriteEndArray();
                break;
        }
        writer.WriteEndObject();
    }

    private static IReadOnlyList<TaskConstraint> ReadConstraints(RecordFields fields)
    {
        if (!fields.TryGetProperty("constraints", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            fields.Error("constraints", $"must be an array of objects, got {RecordFields.KindName(array)}");
            return [];
        }
        var constraints = new List<TaskConstraint>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var constraint = ReadConstraint(fields, $"constraints[{index}]", element);
            if (constraint is not null) constraints.Add(constraint);
            index++;
        }
        return constraints;
    }

    private static TaskConstraint? ReadConstraint(RecordFields fields, string field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(field, $"must be an object, got {RecordFields.KindName(element)}");
            return null;
        }
        if (!element.TryGetProperty("kind", out var kindValue) || kindValue.ValueKind != JsonValueKind.String ||
            !ConstraintKindNames.TryParse(kindValue.GetString(), out var kind))
        {
            fields.Error($"{field}.kind", $"must be one of {string.Join(", ", ConstraintKindNames.All)}");
            return null;
        }

        switch (kind)
        {
            case ConstraintKind.Sentences or ConstraintKind.ListItems or ConstraintKind.MaxWords:
                if (element.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number &&
                    count.TryGetInt32(out var n) && n >= 1)
                {
                    return new TaskConstraint { Kind = kind, Count = n };
                }
                fields.Error($"{field}.count", "must be an integer >= 1");
                return null;
            case ConstraintKind.IncludeWord or ConstraintKind.ExcludeWord:
                if (element.TryGetProperty("word", out var word) && word.ValueKind == JsonValueKind.String &&
                    word.GetString()!.Trim().Length > 0)
                {
                    return new TaskConstraint { Kind = kind, Word = word.GetString()! };
                }
                fields.Error($"{field}.word", "must be a non-empty string");
                return null;
            default:
                if (element.TryGetProperty("options", out var options))
                {
                    var list = fields.StringArray($"{field}.options", options, allowEmptyStrings: false);
                    if (list is null) return null;
                    if (list.Count >= 2) return TaskConstraint.OneOf(list);
                }
                fields.Error($"{field}.options", "must be an array of at least 2 non-empty strings");
                return null;
        }
    }
}
