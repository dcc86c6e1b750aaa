using System.Text.Json.Serialization;

namespace InstructGpt.Api.Completions;

/// <summary>
/// The <c>prompt</c> of a completion request, in any of OpenAI's four forms: a string, an array of strings, an
/// array of token ids, or an array of arrays of token ids. Each string or id array is one prompt.
/// </summary>
[JsonConverter(typeof(PromptInputConverter))]
public sealed class PromptInput
{
    private PromptInput(IReadOnlyList<string>? texts, IReadOnlyList<int[]>? tokenIds, bool isArray)
    {
        Texts = texts;
        TokenIds = tokenIds;
        IsArray = isArray;
    }

    /// <summary>The prompts as text, or null when they were given as token ids.</summary>
    public IReadOnlyList<string>? Texts { get; }

    /// <summary>The prompts as token ids, or null when they were given as text.</summary>
    public IReadOnlyList<int[]>? TokenIds { get; }

    /// <summary>Whether the JSON value was an array of prompts (rather than one string or one id array).</summary>
    public bool IsArray { get; }

    public int Count => Texts?.Count ?? TokenIds!.Count;

    public static PromptInput FromText(string text) => new([text], null, false);
    public static PromptInput FromTexts(IReadOnlyList<string> texts) => new(texts, null, true);
    public static PromptInput FromTokenIds(int[] ids) => new(null, [ids], false);
    public static PromptInput FromTokenIdArrays(IReadOnlyList<int[]> ids) => new(null, ids, true);

    internal const string Shapes = "a string, an array of strings, an array of token ids (integers), or an array of arrays of token ids";
}
