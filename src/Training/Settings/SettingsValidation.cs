using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace InstructGpt.Training.Settings;

/// <summary>
/// The allowed range of every stage setting, declared once as a <see cref="RangeAttribute"/> on the settings record,
/// and checked here for the CLI's --set, the API's hyperparameters and the presets alike. The README's settings table
/// is <see cref="MarkdownTable"/>'s output (a test keeps them equal).
/// </summary>
public static class SettingsValidation
{
    /// <summary>Every setting of <paramref name="settings"/> outside its range, as "Name must be ... (got value)".</summary>
    public static IReadOnlyList<(string Setting, string Message)> RangeProblems(object settings)
    {
        var problems = new List<(string, string)>();
        foreach (var property in Settable(settings.GetType()))
        {
            if (property.GetCustomAttribute<RangeAttribute>() is not { } range) continue;
            var value = property.GetValue(settings);
            if (value is null || range.IsValid(value)) continue;
            problems.Add((property.Name, $"{property.Name} must be {Describe(range, property.PropertyType)} (got {Format(value)})"));
        }
        return problems;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every setting outside its range.</summary>
    public static void RequireInRange(object settings)
    {
        var problems = RangeProblems(settings);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems.Select(p => p.Message)));
    }

    /// <summary>Checks between settings (IValidatableObject), once all of a request's settings are applied.</summary>
    public static void RequireConsistent(object settings)
    {
        if (settings is not IValidatableObject validatable) return;
        var problem = validatable.Validate(new ValidationContext(settings)).FirstOrDefault();
        if (problem is not null) throw new InconsistentSettingsException(problem.ErrorMessage ?? "settings contradict each other", problem.MemberNames.FirstOrDefault());
    }

    /// <summary>"(0, 1]", "an integer in [1, 4096]": the range as users read it.</summary>
    public static string Describe(RangeAttribute range, Type type)
    {
        var integer = Nullable.GetUnderlyingType(type) ?? type;
        var isInteger = integer == typeof(int) || integer == typeof(long);
        var low = range.MinimumIsExclusive ? "(" : "[";
        var high = range.MaximumIsExclusive ? ")" : "]";
        var text = $"{low}{Format(range.Minimum)}, {Format(range.Maximum)}{high}";
        return isInteger ? $"an integer in {text}" : $"in {text}";
    }

    /// <summary>
    /// The README's table: one row per setting of each stage, with its range and its default in the settings record
    /// (presets override some defaults).
    /// </summary>
    public static string MarkdownTable(IEnumerable<(string Stage, object Defaults)> stages)
    {
        var table = new StringBuilder("| stage | setting | allowed | default |\n|---|---|---|---|\n");
        foreach (var (stage, defaults) in stages)
            foreach (var property in Settable(defaults.GetType()))
            {
                var allowed = Allowed(property) ?? throw new InvalidOperationException($"{stage}.{property.Name} has neither a range nor a description");
                if (property.GetCustomAttribute<RangeAttribute>() is not null && Nullable.GetUnderlyingType(property.PropertyType) is not null) allowed += ", or null";
                var value = property.GetValue(defaults);
                table.Append(CultureInfo.InvariantCulture, $"| {stage} | `{property.Name}` | {allowed} | {(value is null ? "null" : Format(value))} |\n");
            }
        return table.ToString();
    }

    /// <summary>What a setting takes: its range, "true or false", or its description; null when it declares none.</summary>
    public static string? Allowed(PropertyInfo property)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range) return Describe(range, property.PropertyType);
        if (property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description is { } description) return description;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(bool) ? "true or false" : null;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G", CultureInfo.InvariantCulture),
        float f => f.ToString("G", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        System.Collections.IEnumerable and not string => $"`{System.Text.Json.JsonSerializer.Serialize(value)}`",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
