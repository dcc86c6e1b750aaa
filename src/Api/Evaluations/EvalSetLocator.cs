using InstructGpt.Api.Errors;
using InstructGpt.Inference.Serving;
using InstructGpt.Training.EvalSets;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// Finds the file an eval-set name stands for: one of the committed sets in eval-sets/ (<see cref="EvalSetFiles.Names"/>), or a
/// dataset uploaded through /v1/datasets (<c>$INSTRUCTGPT_HOME/datasets/NAME.jsonl</c>). Names are plain file names (the
/// checkpoint name rules: no '/', no '..'), and a symbolic link must stay inside datasets/, so no name reaches any other file.
/// </summary>
public sealed class EvalSetLocator(string home, string? evalSetsDirectory)
{
    public string DatasetsDirectory { get; } = Path.Combine(Path.GetFullPath(home), "datasets");

    /// <summary>The file <paramref name="name"/> names; a 400 naming <paramref name="param"/> when it is invalid or missing.</summary>
    public string Resolve(string? name, string param)
    {
        var choices = $"use one of {string.Join(", ", EvalSetFiles.Names)}, or the name of a dataset uploaded with POST /v1/datasets";
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidRequestException($"Invalid value for '{param}': the eval set name is empty; {choices}.", param);
        if (EvalSetFiles.Names.Contains(name))
        {
            if (evalSetsDirectory is null || !File.Exists(Path.Combine(evalSetsDirectory, name + ".jsonl")))
                throw new InvalidRequestException(
                    $"Invalid value for '{param}': this server has no {EvalSetFiles.DirectoryName}/{name}.jsonl (set Evaluations:EvalSetsDirectory); " +
                    "upload the set with POST /v1/datasets and name the upload instead.", param, "dataset_not_found");
            return EvalSetFiles.ResolvePath(name, evalSetsDirectory);
        }
        if (!CheckpointCatalog.IsValidName(name, out _))
            throw new InvalidRequestException($"Invalid value for '{param}': '{Shorten(name)}' is not an eval set name (letters, digits, '.', '_' and '-'; " +
                $"no '/' or '..'); {choices}.", param, "invalid_dataset_name");
        foreach (var candidate in new[] { Path.Combine(DatasetsDirectory, name + ".jsonl"), Path.Combine(DatasetsDirectory, name) })
            if (File.Exists(candidate) && StaysInside(candidate)) return candidate;
        throw new InvalidRequestException($"Invalid value for '{param}': there is no eval set '{Shorten(name)}'; {choices} (GET /v1/datasets lists them).",
            param, "dataset_not_found");
    }

    private bool StaysInside(string file)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is null) return true;
        var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return target is not null && Path.GetFullPath(target).StartsWith(DatasetsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
