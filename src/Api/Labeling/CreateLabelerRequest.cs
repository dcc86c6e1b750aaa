using System.Text.RegularExpressions;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Labeling;

/// <summary>A new labeler (POST /v1/labeling/labelers); the answer carries the labeler's token, once.</summary>
public sealed partial record CreateLabelerRequest
{
    /// <summary>1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'; unique among labelers. Stored as the labeler of their ratings and rankings.</summary>
    public string? Name { get; init; }

    public string Validate() => Name switch
    {
        null => throw new InvalidRequestException("Missing required field 'name': 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'.", "name"),
        var name when NamePattern().IsMatch(name) => name,
        var name => throw new InvalidRequestException(
            $"Invalid value for 'name': use 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-' (got '{(name.Length <= 64 ? name : name[..64] + "…")}').", "name"),
    };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
