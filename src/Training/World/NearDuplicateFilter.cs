using System.Text;

namespace InstructGpt.Training.World;

/// <summary>
/// Drops prompts that share a long common prefix with one already kept (InstructGPT §3.2: "We heuristically
/// deduplicate prompts by checking for prompts that share a long common prefix"). The paper does not give the
/// length; we use <see cref="PrefixLength"/> characters after lower-casing and collapsing whitespace. It is longer
/// than any fixed instruction the world's templates open with (at most about 60 characters), so two prompts that
/// agree that far ask the same thing about the same subject, and shorter prompts must match exactly.
/// </summary>
public sealed class NearDuplicateFilter
{
    public const int PrefixLength = 100;

    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    public int Count => keys.Count;

    /// <summary>Keeps the prompt and returns true, or returns false if it is a near-duplicate of a kept one.</summary>
    public bool TryAdd(string prompt) => keys.Add(Key(prompt));

    public bool IsDuplicate(string prompt) => keys.Contains(Key(prompt));

    public static string Key(string prompt)
    {
        var key = new StringBuilder(PrefixLength);
        var pendingSpace = false;
        foreach (var ch in prompt)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = key.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                key.Append(' ');
                pendingSpace = false;
            }
            if (key.Length >= PrefixLength) break;
            key.Append(char.ToLowerInvariant(ch));
            if (key.Length >= PrefixLength) break;
        }
        return key.ToString();
    }
}
