using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace InstructGpt.Api.Errors;

/// <summary>Turns System.Text.Json's exceptions into messages that name the field and say what it must be.</summary>
public static partial class JsonErrorMessages
{
    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\.( Path:|$)")]
    private static partial Regex ConversionPattern();

    [GeneratedRegex(@"^The JSON property '(?<name>.+?)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'")]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex(@" Path: .*$", RegexOptions.Singleline)]
    private static partial Regex PathSuffix();

    /// <summary>A minimal body for the endpoint at <paramref name="path"/>, shown when a body is not a JSON object.</summary>
    public static string ExampleBody(PathString path) =>
        path.StartsWithSegments("/v1/chat/completions") ? "{\"model\": \"sft\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}"
        : path.StartsWithSegments("/v1/completions") ? "{\"model\": \"sft\", \"prompt\": \"Hello\"}"
        : "{\"field\": value, ...} with the fields this endpoint documents in /swagger";

    [GeneratedRegex(@"\s*(\||\.)?\s*(LineNumber|BytePositionInLine): \d+", RegexOptions.Singleline)]
    private static partial Regex ReaderPosition();

    /// <returns>The message, and the field it is about (null for the body as a whole).</returns>
    /// <param name="exampleBody">What a body for this endpoint looks like, for messages about the body as a whole.</param>
    public static (string message, string? param) Describe(JsonException e, string exampleBody = "{\"model\": \"sft\", \"prompt\": \"Hello\"}")
    {
        var param = Param(e.Path);
        if (e is RequestFieldException) return (e.Message, param);
        if (UnmappedPattern().Match(e.Message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var field = param ?? name;
            var hint = FieldSuggestions.Closest(name, unmapped.Groups["type"].Value) is { } closest
                ? $" Did you mean '{closest}'?" : " This endpoint's fields are listed in /swagger.";
            return ($"Unrecognized request argument supplied: {field}.{hint}", field);
        }
        if (NotUnicode(e) is { } problem)
            return param is null ? ($"The request body is not valid text: {problem}", null) : ($"Invalid value for '{param}': {problem}", param);
        var conversion = ConversionPattern().Match(e.Message);
        if (conversion.Success && param is not null)
            return ($"Invalid type for '{param}': expected {Expected(conversion.Groups["type"].Value)}.", param);
        if (conversion.Success)
            return ($"The request body must be a JSON object of the request's fields, such as {exampleBody}.", null);
        var detail = ReaderPosition().Replace(PathSuffix().Replace(e.Message, ""), "").TrimEnd('.', ' ', '|');
        var at = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
        return ($"We could not parse the JSON body of your request: {detail}{at}. The body must be one JSON object, such as {exampleBody}.", param);
    }

    /// <summary>What is wrong with a JSON string that escapes half of a UTF-16 surrogate pair.</summary>
    public const string UnpairedSurrogate =
        "a string holds an unpaired UTF-16 surrogate escape (such as \\ud800 without its low half); escape whole characters, or write them as UTF-8.";

    /// <summary>What is wrong with a JSON string whose bytes are not UTF-8.</summary>
    public const string NotUtf8 =
        "a string holds bytes that are not valid UTF-8 (encoded surrogates, as CESU-8 writes them, are not UTF-8 either); send the body as UTF-8.";

    /// <summary>
    /// What is wrong when a JSON string is not Unicode text, or null when that is not the problem. System.Text.Json
    /// parses such strings and fails only when it decodes them, with an InvalidOperationException (or a decoder
    /// exception) that it wraps as "could not be converted", which would read as a type error.
    /// </summary>
    private static string? NotUnicode(JsonException e)
    {
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is DecoderFallbackException || inner.Message.Contains("invalid UTF-8", StringComparison.OrdinalIgnoreCase))
                return NotUtf8;
            if (inner.Message.Contains("invalid UTF-16", StringComparison.OrdinalIgnoreCase) || inner.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase))
                return UnpairedSurrogate;
        }
        return null;
    }

    /// <summary>"$.messages[1].role" → "messages[1].role"; "$" → null.</summary>
    public static string? Param(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var p = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        // Bracketed names ($['max tokens']) are left as they are.
        return p.Length == 0 ? null : p;
    }

    private static string Expected(string clrType)
    {
        var t = clrType;
        var nullable = Regex.Match(t, @"^System\.Nullable`1\[(.+)\]$");
        if (nullable.Success) t = nullable.Groups[1].Value;
        return t switch
        {
            "System.Int32" => "an integer (a whole number between -2147483648 and 2147483647)",
            "System.Int64" => "an integer (a whole number between -9223372036854775808 and 9223372036854775807)",
            "System.Double" or "System.Single" => "a number",
            "System.Boolean" => "a boolean (true or false)",
            "System.String" => "a string",
            _ when t.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) || t.EndsWith("[]", StringComparison.Ordinal)
                || t.StartsWith("System.Collections.Generic.IReadOnlyList", StringComparison.Ordinal) => "an array",
            _ when t.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "an object",
            _ => "an object",
        };
    }
}
