namespace InstructGpt.Tasks;

/// <summary>The kinds of explicit constraint a prompt can state and a labeler can check.</summary>
public enum ConstraintKind
{
    /// <summary>"Answer in one sentence": exactly <see cref="TaskConstraint.Count"/> sentences.</summary>
    Sentences,
    /// <summary>"List three ...": exactly <see cref="TaskConstraint.Count"/> list items.</summary>
    ListItems,
    /// <summary>"In at most 20 words": no more than <see cref="TaskConstraint.Count"/> words.</summary>
    MaxWords,
    /// <summary>"Use the word 'x'": the output contains <see cref="TaskConstraint.Word"/>.</summary>
    IncludeWord,
    /// <summary>"Do not use the word 'x'": the output does not contain <see cref="TaskConstraint.Word"/>.</summary>
    ExcludeWord,
    /// <summary>"Answer with one of: a, b, c": exactly one of <see cref="TaskConstraint.Options"/> appears.</summary>
    OneOf,
}
