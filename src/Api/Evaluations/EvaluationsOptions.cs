using InstructGpt.Training.EvalSets;

namespace InstructGpt.Api.Evaluations;

/// <summary>Where evaluations find the committed eval sets (configuration section <c>Evaluations</c>).</summary>
public sealed record EvaluationsOptions
{
    public const string Section = "Evaluations";

    /// <summary>The eval-sets/ directory; default: the first one above the working directory or the program.</summary>
    public string? EvalSetsDirectory { get; set; }

    public string? ResolvedEvalSetsDirectory => EvalSetsDirectory is { Length: > 0 } directory
        ? Path.GetFullPath(directory)
        : EvalSetFiles.FindDirectory([Environment.CurrentDirectory, AppContext.BaseDirectory]);
}
