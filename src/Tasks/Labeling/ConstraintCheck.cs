
namespace InstructGpt.Tasks.Labeling;

/// <summary>Checks an output against a prompt's explicit constraints ("Satisfies constraint provided in the instruction").</summary>
internal static class ConstraintCheck
{
    /// <summary>The form's flag, and which constraints the output breaks.</summary>
    public static (MetadataFlag Flag, IReadOnlyList<TaskConstraint> Broken) Of(IReadOnlyList<TaskConstraint> constraints, string output)
    {
        if (constraints.Count == 0) return (MetadataFlag.Yes("the prompt states no explicit constraint"), []);
        var broken = new List<TaskConstraint>();
        var reasons = new List<string>();
        foreach (var constraint in constraints)
        {
            var problem = Problem(constraint, output);
            if (problem is null) continue;
            broken.Add(constraint);
            reasons.Add(problem);
        }
        return broken.Count == 0
            ? (MetadataFlag.Yes($"meets: {string.Join("; ", constraints)}"), broken)
            : (MetadataFlag.No(string.Join("; ", reasons)), broken);
    }

    /// <summary>What is wrong, or null when the constraint holds.</summary>
    private static string? Problem(TaskConstraint constraint, string output)
    {
        switch (constraint.Kind)
        {
            case ConstraintKind.Sentences:
                var sentences = TextFeatures.Sentences(output).Count;
                return sentences == constraint.Count ? null : $"asked for {constraint.Count} sentence(s), wrote {sentences}";
            case ConstraintKind.ListItems:
                var items = TextFeatures.ListItemCount(output);
                return items == constraint.Count ? null : $"asked for {constraint.Count} item(s), listed {items}";
            case ConstraintKind.MaxWords:
                var words = TextFeatures.WordCount(output);
                return words <= constraint.Count ? null : $"asked for at most {constraint.Count} words, wrote {words}";
            case ConstraintKind.IncludeWord:
                return UsesWord(output, constraint.Word!) ? null : $"does not use the word '{constraint.Word}'";
            case ConstraintKind.ExcludeWord:
                return UsesWord(output, constraint.Word!) ? $"uses the word '{constraint.Word}'" : null;
            case ConstraintKind.OneOf:
                var words2 = TextFeatures.Words(output);
                var named = constraint.Options.Where(o => TextFeatures.ContainsPhrase(words2, TextFeatures.Words(o))).ToArray();
                return named.Length == 1 ? null
                    : named.Length == 0 ? $"names none of: {string.Join(", ", constraint.Options)}"
                    : $"names more than one of: {string.Join(", ", named)}";
            default:
                return null;
        }
    }

    /// <summary>The word or an inflection of it ("dogs" uses "dog").</summary>
    public static bool UsesWord(string output, string word)
    {
        var target = TextFeatures.Words(word);
        if (target.Length == 0) return false;
        var words = TextFeatures.Words(output);
        if (TextFeatures.ContainsPhrase(words, target)) return true;
        return target.Length == 1 && words.Any(w => TextFeatures.Stem(w) == TextFeatures.Stem(target[0]));
    }
}
