using System.Text.Json;

namespace InstructGpt.Training.Data;

/// <summary>
/// Typed access to the fields of one JSONL record. Every problem is reported with the line and field name and
/// the accessor returns null, so a parser can check all fields of a record and report every mistake at once.
/// </summary>
internal sealed class RecordFields
{
    private readonly JsonElement root;
    private readonly ErrorSink errors;

    public RecordFields(JsonElement root, int line, ErrorSink errors)
    {
        this.root = root;
        this.errors = errors;
        Line = line;
    }

    public int Line { get; }

    public bool Has(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public void Error(string field, string message) => errors.Add(Line, field, message);

    /// <summary>A string field's value without reporting anything, for checks that span records.</summary>
    public string? PeekString(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? RequiredString(string name, bool allowEmpty = false)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            Error(name, "required field is missing");
            return null;
        }
        return StringValue(name, value, allowEmpty);
    }

    public string? OptionalString(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return StringValue(name, value, allowEmpty: false);
    }

    /// <summary>An array of strings; null (with an error) if absent, not an array, or an element is not a string.</summary>
    public IReadOnlyList<string>? RequiredStringArray(string name, bool allowEmptyStrings)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            Error(name, "required field is missing");
            return null;
        }
        return StringArray(name, value, allowEmptyStrings);
    }

    public IReadOnlyList<string>? StringArray(string field, JsonElement value, bool allowEmptyStrings)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(field, $"must be an array of strings, got {KindName(value)}");
            return null;
        }
        var items = new List<string>();
        var ok = true;
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var item = StringValue($"{field}[{index}]", element, allowEmptyStrings);
            if (item is null)
            {
                ok = false;
            }
            else
            {
                items.Add(item);
            }
            index++;
        }
        return ok ? items : null;
    }

    /// <summary>An optional array of integers; null when absent (check <see cref="Has"/>) or invalid.</summary>
    public IReadOnlyList<int>? OptionalIntArray(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"must be an array of integers, got {KindName(value)}");
            return null;
        }
        var items = new List<int>();
        var ok = true;
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var number))
            {
                items.Add(number);
            }
            else
            {
                Error($"{name}[{index}]", $"must be an integer, got {KindName(element)}");
                ok = false;
            }
            index++;
        }
        return ok ? items : null;
    }

    public bool TryGetProperty(string name, out JsonElement value) => root.TryGetProperty(name, out value);

    private string? StringValue(string field, JsonElement value, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(field, $"must be a string, got {KindName(value)}");
            return null;
        }
        var text = value.GetString()!;
        if (!allowEmpty && text.Length == 0)
        {
            Error(field, "must not be empty");
            return null;
        }
        return text;
    }

    public static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
