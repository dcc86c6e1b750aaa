using System.Text.RegularExpressions;

namespace InstructGpt.Api.Errors;

/// <summary>
/// Rewrites ASP.NET Core's parameter-binding failures (<c>Failed to bind parameter "Nullable&lt;int&gt; limit" from
/// "abc".</c>) in the API's words: which parameter, what it must be, what was sent, and that parameter as
/// <c>param</c>, as OpenAI names the offending parameter.
/// </summary>
public static partial class ParameterBindingErrors
{
    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.?$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>.+?)\.?$""", RegexOptions.Singleline)]
    private static partial Regex MissingParameter();

    /// <returns>The error, or null when the message is not a binding failure.</returns>
    public static ApiError? Describe(string message)
    {
        var failure = BindFailure().Match(message);
        if (failure.Success)
        {
            var name = failure.Groups["name"].Value;
            return ApiError.BadRequest($"Invalid value for query parameter '{name}': expected {Expected(failure.Groups["type"].Value)} (got '{failure.Groups["value"].Value}').", name);
        }
        var missing = MissingParameter().Match(message);
        if (missing.Success && !missing.Groups["source"].Value.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            var name = missing.Groups["name"].Value;
            return ApiError.BadRequest($"Missing required parameter '{name}': expected {Expected(missing.Groups["type"].Value)}.", name);
        }
        return null;
    }

    /// <summary>C#'s type names as ASP.NET Core writes them ("Nullable&lt;int&gt;", "long") in the API's words.</summary>
    private static string Expected(string type)
    {
        var t = type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type[9..^1] : type.TrimEnd('?');
        return t switch
        {
            "int" or "Int32" => "an integer",
            "long" or "Int64" => "an integer",
            "double" or "float" or "decimal" or "Double" or "Single" => "a number",
            "bool" or "Boolean" => "true or false",
            "Guid" => "an id",
            _ => "a value of the documented type (see /swagger)",
        };
    }
}
