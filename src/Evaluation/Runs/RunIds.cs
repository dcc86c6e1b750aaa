using System.Text.RegularExpressions;

namespace InstructGpt.Evaluation.Runs;

/// <summary>Run ids: safe as a file name (reports go to a folder named after the run) and readable in a listing.</summary>
public static partial class RunIds
{
    public static bool IsValid(string id) => Pattern().IsMatch(id) && id is not "." and not "..";

    /// <summary>eval-20260304-120000-1a2b3c: the UTC time it started, then random hex so two runs started together differ.</summary>
    public static string New(DateTimeOffset now) =>
        $"eval-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
